import { Controller, Get, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  countParameters,
  findGpu,
  findModel,
  KV_CACHE_FORMATS,
  listGpus,
  listModels,
  WEIGHT_FORMATS,
  type GpuSpec,
  type ModelSpec,
  type ParameterCounts,
} from '../../../../libs/catalog/src/index.js';
import { ApiError } from '../common/api-error.js';

type ModelWithCounts = ModelSpec & { readonly parameterCounts: ParameterCounts };

function withCounts(model: ModelSpec): ModelWithCounts {
  return { ...model, parameterCounts: countParameters(model) };
}

@ApiTags('catalog')
@Controller('v1/catalog')
export class CatalogController {
  @Get('gpus')
  @ApiOperation({ summary: 'GPUs with datasheet figures, default prices and their sources' })
  gpus(): { items: readonly GpuSpec[] } {
    return { items: listGpus() };
  }

  @Get('gpus/:id')
  @ApiOperation({ summary: 'One GPU' })
  gpu(@Param('id') id: string): GpuSpec {
    const gpu = findGpu(id);
    if (!gpu) throw ApiError.notFound('gpu', id);
    return gpu;
  }

  @Get('models')
  @ApiOperation({ summary: 'Models with architecture numbers and parameter counts derived from them' })
  models(): { items: readonly ModelWithCounts[] } {
    return { items: listModels().map(withCounts) };
  }

  @Get('models/:id')
  @ApiOperation({ summary: 'One model' })
  model(@Param('id') id: string): ModelWithCounts {
    const model = findModel(id);
    if (!model) throw ApiError.notFound('model', id);
    return withCounts(model);
  }

  @Get('quantizations')
  @ApiOperation({ summary: 'Weight and KV-cache formats with bytes per element including scale overhead' })
  quantizations(): { weightFormats: unknown; kvCacheFormats: unknown } {
    return { weightFormats: Object.values(WEIGHT_FORMATS), kvCacheFormats: Object.values(KV_CACHE_FORMATS) };
  }
}
