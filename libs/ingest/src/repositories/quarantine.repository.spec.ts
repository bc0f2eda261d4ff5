import { isQuarantineStatus, showBytes } from './quarantine.repository';

describe('quarantine repository helpers', () => {
  it('shows valid UTF-8 as text and anything else as base64', () => {
    expect(showBytes(Buffer.from('{"a":"浙0803"}'))).toEqual({
      encoding: 'utf8',
      text: '{"a":"浙0803"}',
      bytes: 15,
    });
    expect(showBytes(Buffer.from([0xff, 0x00, 0x41]))).toEqual({
      encoding: 'base64',
      text: '/wBB',
      bytes: 3,
    });
    expect(showBytes(Buffer.from('\ufeff{}')).text).toBe('\ufeff{}'); // a BOM is shown, not swallowed
    // A multi-byte character cut in half is not valid UTF-8 either.
    expect(showBytes(Buffer.from('浙', 'utf8').subarray(0, 2)).encoding).toBe('base64');
  });

  it('knows the statuses of the quarantine', () => {
    expect(['open', 'corrected', 'replayed', 'discarded'].every(isQuarantineStatus)).toBe(true);
    expect(isQuarantineStatus('closed')).toBe(false);
  });
});
