import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { NestedField, NumberField, StringField } from '../../common/fields.js';
import { ScenarioInputDto } from '../../what-if/dto/scenario-input.dto.js';

export class CreateScenarioDto {
  @StringField({ max: 200, description: 'Human name', example: 'Kimi 2024, DAU 1 M, A100-80GB, INT8' })
  name!: string;

  @StringField({ min: 0, max: 10_000, optional: true, description: 'Free text' })
  description?: string;

  @NestedField(() => ScenarioInputDto, { description: 'The scenario (same schema as POST /v1/what-if)' })
  scenario!: ScenarioInputDto;
}

export class UpdateScenarioDto {
  @NumberField({ min: 1, max: 2_147_483_647, integer: true, description: 'The version you read; a stale version gets 409' })
  version!: number;

  @StringField({ max: 200, optional: true, description: 'Human name' })
  name?: string;

  @StringField({ min: 0, max: 10_000, optional: true, description: 'Free text' })
  description?: string;

  @NestedField(() => ScenarioInputDto, { optional: true, description: 'Replacement scenario' })
  scenario?: ScenarioInputDto;
}

/** Query strings arrive as text: these two fields, and only these, are converted to numbers. */
export class ListQueryDto {
  @Type(() => Number)
  @NumberField({ min: 1, max: 100, integer: true, optional: true, description: 'Page size (default 20)' })
  limit?: number;

  @Type(() => Number)
  @NumberField({ min: 0, max: 1_000_000, integer: true, optional: true, description: 'Rows to skip (default 0)' })
  offset?: number;
}

export class ScenarioResponseDto {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() description!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ type: ScenarioInputDto }) scenario!: Record<string, unknown>;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
}

export class EvaluationResponseDto {
  @ApiProperty() id!: string;
  @ApiProperty() scenarioId!: string;
  @ApiProperty({ description: 'Scenario version the evaluation was computed from' }) scenarioVersion!: number;
  @ApiProperty() gpusAtPeak!: number;
  @ApiProperty() costCnyPer30DayMonth!: number;
  @ApiProperty({ description: 'The full what-if evaluation' }) result!: Record<string, unknown>;
  @ApiProperty() createdAt!: string;
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly total: number;
  readonly limit: number;
  readonly offset: number;
}
