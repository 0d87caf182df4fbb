import { HttpStatus, Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import type { EntityManager } from 'typeorm';
import { evaluateWhatIf, type ScenarioSpec, type WhatIfEvaluation } from '../../../../libs/cost/src/index.js';
import type { Principal } from '../auth/principal.js';
import { CalibrationProfileLookup } from '../calibrations/calibration-profile-lookup.js';
import { ApiError, ErrorCode } from '../common/api-error.js';
import { flattenValidationErrors } from '../common/validation.js';
import { ScenarioInputDto } from './dto/scenario-input.dto.js';
import { assertOneEfficiencySource, toScenarioSpec } from './scenario.mapper.js';

@Injectable()
export class WhatIfService {
  constructor(private readonly profiles: CalibrationProfileLookup) {}

  /** Async only for a referenced calibration profile (one primary-key read); without one no I/O is done. */
  async evaluate(input: ScenarioInputDto, caller: Principal, manager?: EntityManager): Promise<WhatIfEvaluation> {
    return evaluateWhatIf(await this.scenarioSpec(input, caller, manager));
  }

  /** The domain spec of a scenario input, with a referenced calibration profile's coefficients loaded (404 when unknown or the caller's team cannot see it). */
  async scenarioSpec(input: ScenarioInputDto, caller: Principal, manager?: EntityManager): Promise<ScenarioSpec> {
    if (input.calibrationProfileId === undefined) return toScenarioSpec(input);
    assertOneEfficiencySource(input);
    return toScenarioSpec(input, await this.profiles.efficiency(input.calibrationProfileId, caller, manager));
  }

  /**
   * A stored scenario is re-validated before use: it was valid under the schema it was written with, which may have changed since
   * (422 naming each field when it no longer passes). `manager`: the caller's open transaction, if any (the profile read must run inside it).
   */
  async storedScenarioSpec(stored: Record<string, unknown>, caller: Principal, manager?: EntityManager): Promise<ScenarioSpec> {
    const dto = plainToInstance(ScenarioInputDto, stored);
    const errors = validateSync(dto, { whitelist: true, forbidNonWhitelisted: true });
    if (errors.length > 0) {
      const details = flattenValidationErrors(errors).map((d) => ({ field: `scenario.${d.field}`, reason: d.reason }));
      throw new ApiError(HttpStatus.UNPROCESSABLE_ENTITY, ErrorCode.InvalidScenario, 'the stored scenario no longer passes validation: update it', details);
    }
    return this.scenarioSpec(dto, caller, manager);
  }

  async evaluateStored(stored: Record<string, unknown>, caller: Principal, manager?: EntityManager): Promise<WhatIfEvaluation> {
    return evaluateWhatIf(await this.storedScenarioSpec(stored, caller, manager));
  }
}
