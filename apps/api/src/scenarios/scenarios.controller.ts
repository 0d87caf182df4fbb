import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { HttpStatus } from '@nestjs/common';
import type { Principal } from '../auth/principal.js';
import { CurrentPrincipal, RequiredRole } from '../auth/required-role.decorator.js';
import { ApiError } from '../common/api-error.js';
import { CreateScenarioDto, EvaluationResponseDto, ListQueryDto, type Page, ScenarioResponseDto, UpdateScenarioDto } from './dto/scenario.dto.js';
import { CompareScenariosDto } from './dto/compare-scenarios.dto.js';
import type { ScenarioComparison } from './scenario-comparison.js';
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
  create(@Body() dto: CreateScenarioDto, @CurrentPrincipal() caller: Principal): Promise<ScenarioResponseDto> {
    return this.scenarios.create(dto, caller);
  }

  @Post('compare')
  @HttpCode(HttpStatus.OK)
  @RequiredRole('viewer')
  @ApiOperation({
    summary:
      'Two or more stored scenarios (latest versions) side by side — GPUs, cost per month, per user, per million tokens, binding limit — and each one’s cost difference from the first attributed to the inputs that changed (one at a time, the rest as interaction). Costs in CNY: *Cny numbers and `money` blocks { currency, amount } with decimal-string amounts.',
  })
  @ApiOkResponse({ description: 'The comparison (nothing is stored)' })
  @ApiNotFoundResponse({ description: 'An id is unknown (the message names it)' })
  compare(@Body() dto: CompareScenariosDto, @CurrentPrincipal() caller: Principal): Promise<ScenarioComparison> {
    return this.scenarios.compare(dto.ids, caller);
  }

  @Get()
  @ApiOperation({ summary: 'List scenarios, newest first, paginated by limit / offset' })
  list(@Query() query: ListQueryDto, @CurrentPrincipal() caller: Principal): Promise<Page<ScenarioResponseDto>> {
    return this.scenarios.list(query, caller);
  }

  @Get(':id')
  @ApiOkResponse({ type: ScenarioResponseDto })
  @ApiNotFoundResponse()
  get(@Param('id', uuid('id')) id: string, @CurrentPrincipal() caller: Principal): Promise<ScenarioResponseDto> {
    return this.scenarios.get(id, caller);
  }

  @Put(':id')
  @ApiOperation({ summary: 'Update with an optimistic version check: name the version you read; a stale one gets 409' })
  @ApiConflictResponse({ description: 'The scenario changed since you read it' })
  update(@Param('id', uuid('id')) id: string, @Body() dto: UpdateScenarioDto, @CurrentPrincipal() caller: Principal): Promise<ScenarioResponseDto> {
    return this.scenarios.update(id, dto, caller);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  remove(@Param('id', uuid('id')) id: string, @CurrentPrincipal() caller: Principal): Promise<void> {
    return this.scenarios.remove(id, caller);
  }

  @Post(':id/evaluations')
  @ApiOperation({ summary: 'Evaluate the stored scenario and store the result with the scenario version it came from' })
  @ApiCreatedResponse({ type: EvaluationResponseDto })
  evaluate(@Param('id', uuid('id')) id: string, @CurrentPrincipal() caller: Principal): Promise<EvaluationResponseDto> {
    return this.scenarios.evaluate(id, caller);
  }

  @Get(':id/evaluations')
  listEvaluations(@Param('id', uuid('id')) id: string, @Query() query: ListQueryDto, @CurrentPrincipal() caller: Principal): Promise<Page<EvaluationResponseDto>> {
    return this.scenarios.listEvaluations(id, query, caller);
  }

  @Get(':id/evaluations/:evaluationId')
  @ApiOkResponse({ type: EvaluationResponseDto })
  getEvaluation(@Param('id', uuid('id')) id: string, @Param('evaluationId', uuid('evaluationId')) evaluationId: string, @CurrentPrincipal() caller: Principal): Promise<EvaluationResponseDto> {
    return this.scenarios.getEvaluation(id, evaluationId, caller);
  }
}
