import { CreateScenariosAndEvaluations1764374400000 } from './1764374400000-CreateScenariosAndEvaluations.js';
import { CreateJobs1764460800000 } from './1764460800000-CreateJobs.js';
import { CreateForecasts1764547200000 } from './1764547200000-CreateForecasts.js';
import { CreateCalibrationProfiles1764633600000 } from './1764633600000-CreateCalibrationProfiles.js';
import { CreateApiKeysAndScenarioOwners1764892800000 } from './1764892800000-CreateApiKeysAndScenarioOwners.js';
import { CreateSimulationsPlansTraces1764986400000 } from './1764986400000-CreateSimulationsPlansTraces.js';
import { TeamScopeStoredResources1765072800000 } from './1765072800000-TeamScopeStoredResources.js';

/** Every migration, in order. Listed explicitly (no glob) so the same list works from tsc output and from Jest. */
export const MIGRATIONS = [CreateScenariosAndEvaluations1764374400000, CreateJobs1764460800000, CreateForecasts1764547200000, CreateCalibrationProfiles1764633600000, CreateApiKeysAndScenarioOwners1764892800000, CreateSimulationsPlansTraces1764986400000, TeamScopeStoredResources1765072800000];
