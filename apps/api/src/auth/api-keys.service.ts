import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DataSource, IsNull } from 'typeorm';
import { ApiError } from '../common/api-error.js';
import { DEFAULT_PAGE_SIZE, type Page, type PageQueryDto } from '../common/pagination.js';
import { ApiKeyEntity } from './api-key.entity.js';
import type { ApiKeyResponseDto, CreateApiKeyDto, CreatedApiKeyResponseDto } from './dto/api-key.dto.js';
import { generateApiKey, hashApiKey, keyPrefixOf, sameDigest } from './key-material.js';
import { BOOTSTRAP_KEY_ID, type Principal } from './principal.js';

/** How long a looked-up key (or a miss) is trusted without asking the database again. */
const CACHE_MS = 5_000;
const CACHE_MAX_ENTRIES = 10_000;

function toResponse(row: ApiKeyEntity): ApiKeyResponseDto {
  return {
    id: row.id,
    name: row.name,
    team: row.team,
    role: row.role,
    keyPrefix: row.keyPrefix,
    createdAt: row.createdAt.toISOString(),
    revokedAt: row.revokedAt ? row.revokedAt.toISOString() : null,
  };
}

@Injectable()
export class ApiKeysService {
  private readonly bootstrapHash: string | null;
  private readonly bootstrapTeam: string;
  /** hash → principal (or null for an unknown key), so a request costs no query most of the time. */
  private readonly cache = new Map<string, { principal: Principal | null; expiresAtMs: number }>();

  constructor(
    private readonly dataSource: DataSource,
    config: ConfigService,
  ) {
    const bootstrap = config.get<string>('CAPSIM_ADMIN_KEY');
    this.bootstrapHash = bootstrap ? hashApiKey(bootstrap) : null;
    this.bootstrapTeam = config.get<string>('CAPSIM_ADMIN_TEAM') ?? 'admin';
  }

  /** The principal a key stands for, or null when it is unknown or revoked. */
  async authenticate(key: string): Promise<Principal | null> {
    const hash = hashApiKey(key);
    if (this.bootstrapHash && sameDigest(hash, this.bootstrapHash)) return { keyId: BOOTSTRAP_KEY_ID, role: 'admin', team: this.bootstrapTeam };
    const now = Date.now();
    const cached = this.cache.get(hash);
    if (cached && cached.expiresAtMs > now) return cached.principal;
    // The lookup is by the hash's unique index: equality on a digest leaks nothing useful by timing.
    const row = await this.dataSource.getRepository(ApiKeyEntity).findOneBy({ keyHash: hash, revokedAt: IsNull() });
    const principal: Principal | null = row ? { keyId: row.id, role: row.role, team: row.team } : null;
    if (this.cache.size >= CACHE_MAX_ENTRIES) this.cache.clear();
    this.cache.set(hash, { principal, expiresAtMs: now + CACHE_MS });
    return principal;
  }

  async create(dto: CreateApiKeyDto, createdBy: string): Promise<CreatedApiKeyResponseDto> {
    const key = generateApiKey();
    const repo = this.dataSource.getRepository(ApiKeyEntity);
    const saved = await repo.save(repo.create({ name: dto.name, team: dto.team, role: dto.role, keyHash: hashApiKey(key), keyPrefix: keyPrefixOf(key), createdBy, revokedAt: null }));
    return { ...toResponse(await repo.findOneByOrFail({ id: saved.id })), key };
  }

  async list(query: PageQueryDto): Promise<Page<ApiKeyResponseDto>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const offset = query.offset ?? 0;
    const [rows, total] = await this.dataSource.getRepository(ApiKeyEntity).findAndCount({ order: { createdAt: 'DESC', id: 'ASC' }, take: limit, skip: offset });
    return { items: rows.map(toResponse), total, limit, offset };
  }

  /** Revoking twice is fine; a key that never existed is a 404. Takes effect at once in this process, within CACHE_MS in others. */
  async revoke(id: string): Promise<void> {
    const repo = this.dataSource.getRepository(ApiKeyEntity);
    const row = await repo.findOneBy({ id });
    if (!row) throw ApiError.notFound('API key', id);
    if (!row.revokedAt) await repo.update({ id }, { revokedAt: new Date() });
    this.cache.delete(row.keyHash);
  }
}
