import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ApiError } from '../common/api-error.js';
import { ScenarioEntity } from '../database/entities.js';
import type { Principal } from './principal.js';

/**
 * For routes outside the scenarios module that read a stored scenario (dashboards, charts):
 * another team's scenario is "not found" there too.
 */
@Injectable()
export class ScenarioVisibility {
  constructor(private readonly dataSource: DataSource) {}

  async assertVisible(scenarioId: string, caller: Principal): Promise<void> {
    if (caller.team === null) return;
    const visible = await this.dataSource.getRepository(ScenarioEntity).existsBy({ id: scenarioId, team: caller.team });
    if (!visible) throw ApiError.notFound('scenario', scenarioId);
  }
}
