import { formatFen } from '@zhijian/domain';

/** Money in wire form (yuan string), as `yuan` of the envelopes. */
export const yuan = (fen: number): string => formatFen(fen);
