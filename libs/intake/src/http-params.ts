import { BadRequestException, ParseUUIDPipe } from '@nestjs/common';
import { badRequestBody, type Parsed } from './intake-requests';

/** The checked value, or 400 naming every bad field. */
export function valid<T>(parsed: Parsed<T>): T {
  if (!parsed.ok) throw new BadRequestException(badRequestBody(parsed.errors));
  return parsed.value;
}

/** The `:id` of a lead: a UUID, else 400 in Chinese. */
export const LEAD_ID = new ParseUUIDPipe({
  exceptionFactory: () => new BadRequestException('线索编号须为 UUID'),
});
