import { formatFen } from '@zhijian/domain';

/** What the plants of catalogue group C (财产分配) share. */

/** Money in wire form (yuan string). */
export const yuan = (fen: number): string => formatFen(fen);

/** Whole hundreds of yuan (fen divisible by 10,000): shares stay exact. */
export const roundHundred = (fen: number): number => Math.max(1, Math.round(fen / 10_000)) * 10_000;
