import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiError } from '../common/api-error.js';
import { type Page, PageQueryDto } from '../common/pagination.js';
import { ApiKeysService } from './api-keys.service.js';
import { type ApiKeyResponseDto, CreateApiKeyDto, CreatedApiKeyResponseDto } from './dto/api-key.dto.js';
import type { Principal } from './principal.js';
import { CurrentPrincipal, RequiredRole } from './required-role.decorator.js';

const uuid = (field: string) => new ParseUUIDPipe({ exceptionFactory: () => ApiError.invalidField(field, 'must be a UUID') });

@ApiTags('keys')
@Controller('v1/keys')
@RequiredRole('admin')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Post()
  @ApiOperation({ summary: 'Create an API key with a role and a team; the key is in this response only' })
  @ApiCreatedResponse({ type: CreatedApiKeyResponseDto })
  create(@Body() dto: CreateApiKeyDto, @CurrentPrincipal() caller: Principal): Promise<CreatedApiKeyResponseDto> {
    return this.keys.create(dto, caller.keyId ?? 'anonymous');
  }

  @Get()
  @ApiOperation({ summary: 'List keys (never the keys themselves), newest first' })
  list(@Query() query: PageQueryDto): Promise<Page<ApiKeyResponseDto>> {
    return this.keys.list(query);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Revoke a key: it stops working at once' })
  revoke(@Param('id', uuid('id')) id: string): Promise<void> {
    return this.keys.revoke(id);
  }
}
