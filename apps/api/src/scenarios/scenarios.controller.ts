import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { HttpStatus } from '@nestjs/common';
import { ApiError } from '../common/api-error.js';
import { CreateScenarioDto, EvaluationResponseDto, ListQueryDto, type Page, ScenarioResponseDto, UpdateScenarioDto } from './dto/scenario.dto.js';
import { ScenariosService } from './scenarios.service.js';

const uuid = (field: string) =>
  new ParseUUIDPipe({ exceptionFactory: () => ApiError.invalidField(field, 'must be a UUID') });

@ApiTags('scenarios')
@Controller('v1/scenarios')
export class ScenariosController {
  constructor(private readonly scenarios: ScenariosService) {}

  @Post()
  @ApiOperation({ summary: 'Store a scenario (validated and test-evaluated first)' })
  @ApiCreatedResponse({ type: ScenarioResponseDto })
  create(@Body() dto: CreateScenarioDto): Promise<ScenarioResponseDto> {
    return this.scenarios.create(dto);
  }

  @Get()
  @ApiOperation({ summary: 'List scenarios, newest first, paginated by limit / offset' })
  list(@Query() query: ListQueryDto): Promise<Page<ScenarioResponseDto>> {
    return this.scenarios.list(query);
  }

  @Get(':id')
  @ApiOkResponse({ type: ScenarioResponseDto })
  @ApiNotFoundResponse()
  get(@Param('id', uuid('id')) id: string): Promise<ScenarioResponseDto> {
    return this.scenarios.get(id);
  }

  @Put(':id')
  @ApiOperation({ summary: 'Update with an optimistic version check: name the version you read; a stale one gets 409' })
  @ApiConflictResponse({ description: 'The scenario changed since you read it' })
  update(@Param('id', uuid('id')) id: string, @Body() dto: UpdateScenarioDto): Promise<ScenarioResponseDto> {
    return this.scenarios.update(id, dto);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  remove(@Param('id', uuid('id')) id: string): Promise<void> {
    return this.scenarios.remove(id);
  }

  @Post(':id/evaluations')
  @ApiOperation({ summary: 'Evaluate the stored scenario and store the result with the scenario version it came from' })
  @ApiCreatedResponse({ type: EvaluationResponseDto })
  evaluate(@Param('id', uuid('id')) id: string): Promise<EvaluationResponseDto> {
    return this.scenarios.evaluate(id);
  }

  @Get(':id/evaluations')
  listEvaluations(@Param('id', uuid('id')) id: string, @Query() query: ListQueryDto): Promise<Page<EvaluationResponseDto>> {
    return this.scenarios.listEvaluations(id, query);
  }

  @Get(':id/evaluations/:evaluationId')
  @ApiOkResponse({ type: EvaluationResponseDto })
  getEvaluation(@Param('id', uuid('id')) id: string, @Param('evaluationId', uuid('evaluationId')) evaluationId: string): Promise<EvaluationResponseDto> {
    return this.scenarios.getEvaluation(id, evaluationId);
  }
}
