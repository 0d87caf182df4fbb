import { HttpStatus, Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { evaluateWhatIf, type WhatIfEvaluation } from '../../../../libs/cost/src/index.js';
import { ApiError, ErrorCode } from '../common/api-error.js';
import { flattenValidationErrors } from '../common/validation.js';
import { ScenarioInputDto } from './dto/scenario-input.dto.js';
import { toScenarioSpec } from './scenario.mapper.js';

@Injectable()
export class WhatIfService {
  evaluate(input: ScenarioInputDto): WhatIfEvaluation {
    return evaluateWhatIf(toScenarioSpec(input));
  }

  /** A stored scenario is re-validated before use: it was valid under the schema it was written with, which may have changed since. */
  evaluateStored(stored: Record<string, unknown>): WhatIfEvaluation {
    const dto = plainToInstance(ScenarioInputDto, stored);
    const errors = validateSync(dto, { whitelist: true, forbidNonWhitelisted: true });
    if (errors.length > 0) {
      const details = flattenValidationErrors(errors).map((d) => ({ field: `scenario.${d.field}`, reason: d.reason }));
      throw new ApiError(HttpStatus.UNPROCESSABLE_ENTITY, ErrorCode.InvalidScenario, 'the stored scenario no longer passes validation: update it', details);
    }
    return this.evaluate(dto);
  }
}
