import type { EvaluationEntity, ScenarioEntity } from '../database/entities.js';
import type { EvaluationResponseDto, ScenarioResponseDto } from './dto/scenario.dto.js';

/** Entities never leave the app: these mappers are the only way out. */
export function toScenarioResponse(entity: ScenarioEntity): ScenarioResponseDto {
  return {
    id: entity.id,
    name: entity.name,
    description: entity.description,
    version: entity.version,
    scenario: entity.spec,
    createdAt: entity.createdAt.toISOString(),
    updatedAt: entity.updatedAt.toISOString(),
  };
}

export function toEvaluationResponse(entity: EvaluationEntity): EvaluationResponseDto {
  return {
    id: entity.id,
    scenarioId: entity.scenarioId,
    scenarioVersion: entity.scenarioVersion,
    gpusAtPeak: entity.gpusAtPeak,
    costCnyPer30DayMonth: entity.costCnyPer30DayMonth,
    result: entity.result,
    createdAt: entity.createdAt.toISOString(),
  };
}
