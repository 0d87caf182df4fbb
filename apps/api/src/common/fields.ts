import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsDefined, IsIn, IsInt, IsNumber, IsObject, IsOptional, IsString, Length, Max, Min, ValidateIf, ValidateNested } from 'class-validator';

/**
 * Field decorators that keep validation and OpenAPI in step: each bound appears once and
 * lands in both. Every numeric field gets explicit bounds so absurd values get a 400.
 */
interface NumberFieldOptions {
  readonly min: number;
  readonly max: number;
  readonly integer?: boolean;
  readonly optional?: boolean;
  readonly description: string;
  readonly example?: number;
}

export function NumberField(o: NumberFieldOptions): PropertyDecorator {
  const api = o.optional ? ApiPropertyOptional : ApiProperty;
  return applyDecorators(
    ...(o.optional ? [IsOptional()] : []),
    o.integer ? IsInt({ message: '$property must be an integer' }) : IsNumber({ allowNaN: false, allowInfinity: false }, { message: '$property must be a finite number' }),
    Min(o.min, { message: `$property must be at least ${o.min}` }),
    Max(o.max, { message: `$property must be at most ${o.max}` }),
    api({ type: o.integer ? 'integer' : 'number', minimum: o.min, maximum: o.max, description: o.description, ...(o.example === undefined ? {} : { example: o.example }) }),
  );
}

/**
 * `requiredUnless`: the field is validated as required by a ValidateIf on the DTO (e.g. modelId
 * unless customModel is given), so the OpenAPI schema must not list it as always required.
 */
export function StringField(o: { min?: number; max: number; optional?: boolean; requiredUnless?: string; description: string; example?: string }): PropertyDecorator {
  const api = o.optional || o.requiredUnless ? ApiPropertyOptional : ApiProperty;
  return applyDecorators(
    ...(o.optional ? [IsOptional()] : []),
    IsString({ message: '$property must be a string' }),
    Length(o.min ?? 1, o.max, { message: `$property must be ${o.min ?? 1} to ${o.max} characters long` }),
    api({ type: 'string', minLength: o.min ?? 1, maxLength: o.max, description: o.description, ...(o.example === undefined ? {} : { example: o.example }) }),
  );
}

export function EnumField(values: readonly string[], o: { optional?: boolean; description: string }): PropertyDecorator {
  const api = o.optional ? ApiPropertyOptional : ApiProperty;
  return applyDecorators(
    ...(o.optional ? [IsOptional()] : []),
    IsIn(values as string[], { message: `$property must be one of: ${values.join(', ')}` }),
    api({ enum: values as string[], description: o.description }),
  );
}

export function BooleanField(o: { optional?: boolean; description: string }): PropertyDecorator {
  const api = o.optional ? ApiPropertyOptional : ApiProperty;
  return applyDecorators(...(o.optional ? [IsOptional()] : []), IsBoolean({ message: '$property must be true or false' }), api({ type: 'boolean', description: o.description }));
}

export function NestedField(type: () => new () => object, o: { optional?: boolean; description: string }): PropertyDecorator {
  const api = o.optional ? ApiPropertyOptional : ApiProperty;
  // @nestjs/swagger recognises a lazy type by the function's name being "type" (as when written
  // inline as `type: () => X`); a thunk passed in as a parameter has another name.
  const lazy = { type: () => type() }.type;
  return applyDecorators(
    // ValidateNested alone lets a missing or primitive value through. Optional means "may be
    // absent", not "may be null": IsOptional() would let null reach code that reads its fields (a 500).
    ...(o.optional ? [ValidateIf((_object, value) => value !== undefined)] : [IsDefined({ message: '$property is required' })]),
    IsObject({ message: '$property must be an object' }),
    ValidateNested(),
    Type(type),
    api({ type: lazy, description: o.description }),
  );
}
