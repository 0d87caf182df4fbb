import { HttpStatus, Injectable } from '@nestjs/common';
import { instanceToPlain } from 'class-transformer';
import { DataSource } from 'typeorm';
import type { Principal } from '../auth/principal.js';
import { teamWhere } from '../auth/team-scope.js';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';
import { ApiError, ErrorCode } from '../common/api-error.js';
import { DEFAULT_PAGE_SIZE } from '../common/pagination.js';
import { EvaluationEntity, ScenarioEntity } from '../database/entities.js';
import { WhatIfService } from '../what-if/what-if.service.js';
import type { CreateScenarioDto, EvaluationResponseDto, ListQueryDto, Page, ScenarioResponseDto, UpdateScenarioDto } from './dto/scenario.dto.js';
import { toEvaluationResponse, toScenarioResponse } from './scenario.mapper.js';
import { comparedScenario, COMPARISON_METHOD, scenarioDifference, type ScenarioComparison } from './scenario-comparison.js';

// Team scoping (auth/team-scope.ts): a caller sees only its team's scenarios (team null = the
// anonymous caller of open mode, who sees all). Another team's scenario is "not found", never
// "forbidden", so ids do not reveal that it exists.

@Injectable()
export class ScenariosService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly whatIf: WhatIfService,
  ) {}

  async create(dto: CreateScenarioDto, caller: Principal): Promise<ScenarioResponseDto> {
    // Evaluate once before storing so a scenario that cannot be evaluated is refused with 400
    // (unknown catalog id, model that fits nowhere…) instead of being stored broken.
    await this.whatIf.evaluate(dto.scenario, caller);
    const repo = this.dataSource.getRepository(ScenarioEntity);
    const saved = await repo.save(repo.create({ name: dto.name, description: dto.description ?? '', spec: instanceToPlain(dto.scenario), version: 1, ownerKeyId: caller.keyId, team: caller.team }));
    return toScenarioResponse(await repo.findOneByOrFail({ id: saved.id }));
  }

  async list(query: ListQueryDto, caller: Principal): Promise<Page<ScenarioResponseDto>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const offset = query.offset ?? 0;
    const [rows, total] = await this.dataSource
      .getRepository(ScenarioEntity)
      .findAndCount({ where: teamWhere(caller), order: { createdAt: 'DESC', id: 'ASC' }, take: limit, skip: offset });
    return { items: rows.map(toScenarioResponse), total, limit, offset };
  }

  async get(id: string, caller: Principal): Promise<ScenarioResponseDto> {
    return toScenarioResponse(await this.findOrThrow(id, caller));
  }

  async update(id: string, dto: UpdateScenarioDto, caller: Principal): Promise<ScenarioResponseDto> {
    await this.findOrThrow(id, caller);
    if (dto.scenario) await this.whatIf.evaluate(dto.scenario, caller);
    const changes: QueryDeepPartialEntity<ScenarioEntity> = { version: () => 'version + 1', updatedAt: () => 'now()' };
    if (dto.name !== undefined) changes.name = dto.name;
    if (dto.description !== undefined) changes.description = dto.description;
    if (dto.scenario !== undefined) changes.spec = instanceToPlain(dto.scenario);
    // One conditional UPDATE is the optimistic lock: it only matches the version the client read,
    // so two writers that read the same version cannot both win.
    const result = await this.dataSource
      .createQueryBuilder()
      .update(ScenarioEntity)
      .set(changes)
      .where('id = :id AND version = :version', { id, version: dto.version })
      .andWhere(caller.team === null ? '1 = 1' : 'team = :team', { team: caller.team })
      .execute();
    if (!result.affected) {
      const current = await this.findOrThrow(id, caller);
      throw new ApiError(HttpStatus.CONFLICT, ErrorCode.VersionConflict, `scenario ${id} is at version ${current.version}, not ${dto.version}: read it again and reapply your change`, [
        { field: 'version', reason: `stale: current version is ${current.version}` },
      ]);
    }
    return this.get(id, caller);
  }

  async remove(id: string, caller: Principal): Promise<void> {
    const result = await this.dataSource.getRepository(ScenarioEntity).delete({ id, ...teamWhere(caller) });
    if (!result.affected) throw ApiError.notFound('scenario', id);
  }

  async evaluate(id: string, caller: Principal): Promise<EvaluationResponseDto> {
    return this.dataSource.transaction(async (manager) => {
      // FOR SHARE holds the version steady while we compute, so the stored version is the one used.
      const scenario = await manager
        .getRepository(ScenarioEntity)
        .createQueryBuilder('s')
        .setLock('pessimistic_read')
        .where('s.id = :id', { id })
        .andWhere(caller.team === null ? '1 = 1' : 's.team = :team', { team: caller.team })
        .getOne();
      if (!scenario) throw ApiError.notFound('scenario', id);
      const result = await this.whatIf.evaluateStored(scenario.spec, caller, manager);
      const repo = manager.getRepository(EvaluationEntity);
      const saved = await repo.save(
        repo.create({
          scenarioId: scenario.id,
          scenarioVersion: scenario.version,
          gpusAtPeak: result.atPeak.gpus,
          costCnyPer30DayMonth: result.cost.costCnyPer30DayMonth,
          result: result as unknown as Record<string, unknown>,
        }),
      );
      return toEvaluationResponse(await repo.findOneByOrFail({ id: saved.id }));
    });
  }

  async listEvaluations(id: string, query: ListQueryDto, caller: Principal): Promise<Page<EvaluationResponseDto>> {
    await this.findOrThrow(id, caller);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const offset = query.offset ?? 0;
    const [rows, total] = await this.dataSource
      .getRepository(EvaluationEntity)
      .findAndCount({ where: { scenarioId: id }, order: { createdAt: 'DESC', id: 'ASC' }, take: limit, skip: offset });
    return { items: rows.map(toEvaluationResponse), total, limit, offset };
  }

  async getEvaluation(id: string, evaluationId: string, caller: Principal): Promise<EvaluationResponseDto> {
    await this.findOrThrow(id, caller);
    const row = await this.dataSource.getRepository(EvaluationEntity).findOneBy({ id: evaluationId, scenarioId: id });
    if (!row) throw ApiError.notFound('evaluation', evaluationId);
    return toEvaluationResponse(row);
  }

  /** Stored scenarios side by side (latest versions), each after the first attributed against the first. Unknown id → 404 naming it. */
  async compare(ids: readonly string[], caller: Principal): Promise<ScenarioComparison> {
    const rows: ScenarioEntity[] = [];
    for (const id of ids) rows.push(await this.findOrThrow(id, caller));
    const evaluate = (spec: Record<string, unknown>) => this.whatIf.evaluateStored(spec, caller);
    const sides = [];
    for (const row of rows) sides.push({ row, compared: comparedScenario(row, await evaluate(row.spec)) });
    const differences = [];
    for (const side of sides.slice(1)) differences.push(await scenarioDifference(sides[0]!, side, evaluate));
    return { currency: 'CNY', baselineId: rows[0]!.id, scenarios: sides.map((s) => s.compared), differences, method: COMPARISON_METHOD };
  }

  private async findOrThrow(id: string, caller: Principal): Promise<ScenarioEntity> {
    const row = await this.dataSource.getRepository(ScenarioEntity).findOneBy({ id, ...teamWhere(caller) });
    if (!row) throw ApiError.notFound('scenario', id);
    return row;
  }
}
