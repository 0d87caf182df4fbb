import { ApiProperty } from '@nestjs/swagger';
import { NestedField, NumberField, StringField } from '../../common/fields.js';
import { type Page, PageQueryDto } from '../../common/pagination.js';
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

export class ListQueryDto extends PageQueryDto {}

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

export type { Page };
