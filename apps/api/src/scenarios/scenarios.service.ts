import { HttpStatus, Injectable } from '@nestjs/common';
import { instanceToPlain } from 'class-transformer';
import { DataSource } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';
import { ApiError, ErrorCode } from '../common/api-error.js';
import { DEFAULT_PAGE_SIZE } from '../common/pagination.js';
import { EvaluationEntity, ScenarioEntity } from '../database/entities.js';
import { WhatIfService } from '../what-if/what-if.service.js';
import type { CreateScenarioDto, EvaluationResponseDto, ListQueryDto, Page, ScenarioResponseDto, UpdateScenarioDto } from './dto/scenario.dto.js';
import { toEvaluationResponse, toScenarioResponse } from './scenario.mapper.js';


@Injectable()
export class ScenariosService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly whatIf: WhatIfService,
  ) {}

  async create(dto: CreateScenarioDto): Promise<ScenarioResponseDto> {
    // Evaluate once before storing so a scenario that cannot be evaluated is refused with 400
    // (unknown catalog id, model that fits nowhere…) instead of being stored broken.
    this.whatIf.evaluate(dto.scenario);
    const repo = this.dataSource.getRepository(ScenarioEntity);
    const saved = await repo.save(repo.create({ name: dto.name, description: dto.description ?? '', spec: instanceToPlain(dto.scenario), version: 1 }));
    return toScenarioResponse(await repo.findOneByOrFail({ id: saved.id }));
  }

  async list(query: ListQueryDto): Promise<Page<ScenarioResponseDto>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const offset = query.offset ?? 0;
    const [rows, total] = await this.dataSource
      .getRepository(ScenarioEntity)
      .findAndCount({ order: { createdAt: 'DESC', id: 'ASC' }, take: limit, skip: offset });
    return { items: rows.map(toScenarioResponse), total, limit, offset };
  }

  async get(id: string): Promise<ScenarioResponseDto> {
    return toScenarioResponse(await this.findOrThrow(id));
  }

  async update(id: string, dto: UpdateScenarioDto): Promise<ScenarioResponseDto> {
    if (dto.scenario) this.whatIf.evaluate(dto.scenario);
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
      .execute();
    if (!result.affected) {
      const current = await this.findOrThrow(id);
      throw new ApiError(HttpStatus.CONFLICT, ErrorCode.VersionConflict, `scenario ${id} is at version ${current.version}, not ${dto.version}: read it again and reapply your change`, [
        { field: 'version', reason: `stale: current version is ${current.version}` },
      ]);
    }
    return this.get(id);
  }

  async remove(id: string): Promise<void> {
    const result = await this.dataSource.getRepository(ScenarioEntity).delete({ id });
    if (!result.affected) throw ApiError.notFound('scenario', id);
  }

  async evaluate(id: string): Promise<EvaluationResponseDto> {
    return this.dataSource.transaction(async (manager) => {
      // FOR SHARE holds the version steady while we compute, so the stored version is the one used.
      const scenario = await manager
        .getRepository(ScenarioEntity)
        .createQueryBuilder('s')
        .setLock('pessimistic_read')
        .where('s.id = :id', { id })
        .getOne();
      if (!scenario) throw ApiError.notFound('scenario', id);
      const result = this.whatIf.evaluateStored(scenario.spec);
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

  async listEvaluations(id: string, query: ListQueryDto): Promise<Page<EvaluationResponseDto>> {
    await this.findOrThrow(id);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const offset = query.offset ?? 0;
    const [rows, total] = await this.dataSource
      .getRepository(EvaluationEntity)
      .findAndCount({ where: { scenarioId: id }, order: { createdAt: 'DESC', id: 'ASC' }, take: limit, skip: offset });
    return { items: rows.map(toEvaluationResponse), total, limit, offset };
  }

  async getEvaluation(id: string, evaluationId: string): Promise<EvaluationResponseDto> {
    const row = await this.dataSource.getRepository(EvaluationEntity).findOneBy({ id: evaluationId, scenarioId: id });
    if (!row) throw ApiError.notFound('evaluation', evaluationId);
    return toEvaluationResponse(row);
  }

  private async findOrThrow(id: string): Promise<ScenarioEntity> {
    const row = await this.dataSource.getRepository(ScenarioEntity).findOneBy({ id });
    if (!row) throw ApiError.notFound('scenario', id);
    return row;
  }
}
