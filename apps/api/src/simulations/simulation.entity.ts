import { Entity } from 'typeorm';
import { JobBackedRunColumns } from '../database/stored-resource-columns.js';

/** One simulation run: a 'simulation' job replays the request through libs/serving-sim. */
@Entity('simulations')
export class SimulationEntity extends JobBackedRunColumns {}
