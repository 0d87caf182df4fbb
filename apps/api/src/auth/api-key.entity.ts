import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Role } from './roles.js';

@Entity('api_keys')
export class ApiKeyEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'varchar', length: 64 })
  team!: string;

  @Column({ type: 'varchar', length: 16 })
  role!: Role;

  /** SHA-256 of the key, hex; the key itself is shown once at creation and never stored. */
  @Column({ type: 'char', length: 64, name: 'key_hash', unique: true })
  keyHash!: string;

  /** The first characters of the key, so that a person can tell keys apart in a list. */
  @Column({ type: 'varchar', length: 16, name: 'key_prefix' })
  keyPrefix!: string;

  @Column({ type: 'varchar', length: 64, name: 'created_by' })
  createdBy!: string;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', name: 'revoked_at', nullable: true })
  revokedAt!: Date | null;
}
