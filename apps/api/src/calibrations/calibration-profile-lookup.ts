import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { EfficiencyCoefficients } from '../../../../libs/capacity/src/index.js';
import type { Principal } from '../auth/principal.js';
import { teamWhere } from '../auth/team-scope.js';
import { ApiError, ErrorCode } from '../common/api-error.js';
import { CalibrationProfileEntity } from './calibration-profile.entity.js';

/**
 * How a scenario's `calibrationProfileId` becomes coefficients. Kept apart from the calibrations
 * module (it needs only the global DataSource) so that what-if can use it without importing the
 * job system. One primary-key read of one jsonb column; what-if pays it only when a profile is named.
 */
@Injectable()
export class CalibrationProfileLookup {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * @throws ApiError 404 naming `calibrationProfileId` when no profile has the id, or only another
   *   team's does (the same answer: auth/team-scope.ts);
   *   400 when the profile has no fit (an engine run still running, or failed).
   * `manager`: the caller's transaction, when it holds one — on embedded PGlite (one connection) a
   *   read outside it would wait for it forever.
   */
  async efficiency(id: string, caller: Principal, manager?: EntityManager, field = 'calibrationProfileId'): Promise<EfficiencyCoefficients> {
    return (await this.read(id, caller, manager, field, false)).efficiency;
  }

  /** As efficiency, with the stored fit (residuals, held-out check) from the same read. */
  async efficiencyAndFit(id: string, caller: Principal, field = 'calibrationProfileId'): Promise<{ efficiency: EfficiencyCoefficients; fit: Record<string, unknown> | null }> {
    return this.read(id, caller, undefined, field, true);
  }

  private async read(
    id: string,
    caller: Principal,
    manager: EntityManager | undefined,
    field: string,
    withFit: boolean,
  ): Promise<{ efficiency: EfficiencyCoefficients; fit: Record<string, unknown> | null }> {
    const row = await (manager ?? this.dataSource.manager)
      .getRepository(CalibrationProfileEntity)
      .findOne({ where: { id, ...teamWhere(caller) }, select: { id: true, efficiency: true, failure: true, fit: withFit } });
    if (!row) {
      throw new ApiError(HttpStatus.NOT_FOUND, ErrorCode.NotFound, `calibration profile ${id} not found`, [{ field, reason: `no calibration profile with id ${id}` }]);
    }
    if (!row.efficiency) {
      const reason = row.failure ? `calibration profile ${id} has no fit: ${row.failure}` : `calibration profile ${id} has no fit yet: its engine run is still in progress (GET /v1/calibrations/${id})`;
      throw ApiError.invalidField(field, reason);
    }
    return { efficiency: row.efficiency as unknown as EfficiencyCoefficients, fit: withFit ? (row.fit as Record<string, unknown> | null) : null };
  }
}
