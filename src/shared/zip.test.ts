import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readZip, toZip, ZipError, type ZipProblem } from './zip.ts';

const files = [
  { name: 'word/document.xml', data: '<w:document>Geëmigreerd naar Curaçao, € 12,50</w:document>' },
  { name: 'mappen/Overzicht — café ’s-Hertogenbosch.txt', data: 'één\ntwee\n' },
  { name: 'leeg.bin', data: Buffer.alloc(0) },
  { name: 'binair.bin', data: Buffer.from([0, 255, 1, 254, 0x50, 0x4b, 3, 4]) },
];

const refusal = (fn: () => unknown): ZipProblem | 'none' => {
  try {
    fn();
    return 'none';
  } catch (e) {
    expect(e).toBeInstanceOf(ZipError);
    return (e as ZipError).problem;
  }
};

/** A one-entry archive whose header fields are written by hand, to make archives toZip would never write. */
function handMade(opts: { name: string; packed: Buffer; rawSize: number; crc: number; method?: number; flags?: number }): Buffer {
  const name = Buffer.from(opts.name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(opts.flags ?? 0, 6);
  local.writeUInt16LE(opts.method ?? 8, 8);
  local.writeUInt32LE(opts.crc, 14);
  local.writeUInt32LE(opts.packed.length, 18);
  local.writeUInt32LE(opts.rawSize, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(opts.flags ?? 0, 8);
  central.writeUInt16LE(opts.method ?? 8, 10);
  central.writeUInt32LE(opts.crc, 16);
  central.writeUInt32LE(opts.packed.length, 20);
  central.writeUInt32LE(opts.rawSize, 24);
  central.writeUInt16LE(name.length, 28);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(46 + name.length, 12);
  end.writeUInt32LE(30 + name.length + opts.packed.length, 16);
  return Buffer.concat([local, name, opts.packed, central, name, end]);
}

describe('toZip and readZip', () => {
  const zip = toZip(files);

  it('round-trips names (unicode included) and contents, byte for byte', () => {
    const back = readZip(zip);
    expect([...back.keys()]).toEqual(files.map((f) => f.name));
    for (const f of files) expect(back.get(f.name)!.equals(Buffer.from(f.data))).toBe(true);
  });

  it('writes the same bytes for the same input, and a given date changes them', () => {
    expect(toZip(files).equals(zip)).toBe(true);
    expect(toZip(files.map((f) => ({ ...f, date: new Date(2024, 4, 6, 12, 30) }))).equals(zip)).toBe(false);
  });

  it('writes an archive Debian unzip lists with its unicode names and tests without errors', () => {
    const p = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'grip-zip-')), 'test.zip');
    fs.writeFileSync(p, zip);
    const listing = execFileSync('unzip', ['-l', p], { env: { ...process.env, LC_ALL: 'C.UTF-8' } }).toString('utf8');
    expect(listing).toContain('mappen/Overzicht — café ’s-Hertogenbosch.txt');
    expect(listing).toContain('1980-01-01');
    expect(listing).toMatch(/4 files/);
    expect(execFileSync('unzip', ['-t', p]).toString()).toContain('No errors detected');
  });

  it('reads stored entries and picks entries with `only`', () => {
    const data = Buffer.from('opgeslagen zonder compressie');
    const stored = handMade({ name: 'a.txt', packed: data, rawSize: data.length, crc: crc32(data), method: 0 });
    expect(readZip(stored).get('a.txt')!.toString()).toBe('opgeslagen zonder compressie');
    expect([...readZip(zip, undefined, (n) => n.startsWith('word/')).keys()]).toEqual(['word/document.xml']);
  });

  it('refuses truncated, damaged and non-zip input instead of returning garbage', () => {
    expect(refusal(() => readZip(Buffer.from('PK\x03\x04 nothing more')))).toBe('corrupt');
    expect(refusal(() => readZip(Buffer.alloc(0)))).toBe('corrupt');
    expect(refusal(() => readZip(zip.subarray(0, zip.length - 10)))).toBe('corrupt');
    expect(refusal(() => readZip(zip.subarray(0, zip.length >> 1)))).toBe('corrupt');
    // one flipped byte inside the deflated data (after the 30-byte header and the 17-byte name): the CRC or inflate catches it
    const flipped = Buffer.from(zip);
    flipped[52] = flipped[52]! ^ 0xff;
    expect(refusal(() => readZip(flipped))).toBe('corrupt');
    // a local header naming another file than the directory does
    const renamed = Buffer.from(zip);
    renamed[35] = 'W'.charCodeAt(0);
    expect(refusal(() => readZip(renamed))).toBe('corrupt');
    // every prefix and every single-byte corruption of the directory is refused or read intact, never a hang or a crash
    for (let n = 0; n < zip.length; n += 7) expect(refusal(() => readZip(zip.subarray(0, n)))).toBe('corrupt');
    for (let at = zip.length - 200; at < zip.length; at++) {
      const bad = Buffer.from(zip);
      bad[at] = bad[at]! ^ 0x5a;
      try {
        readZip(bad);
      } catch (e) {
        expect(e).toBeInstanceOf(ZipError);
      }
    }
  });

  it('refuses a zip bomb: 200 MB of zeros packed into a few hundred kB, and a header that lies about the size', () => {
    const zeros = Buffer.alloc(200 * 1024 * 1024);
    const bomb = handMade({ name: 'bom.txt', packed: deflateRawSync(zeros), rawSize: zeros.length, crc: crc32(zeros) });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    expect(refusal(() => readZip(bomb))).toBe('too_large');
    // claims 10 bytes, inflates to 200 MB: stopped at 10
    const liar = handMade({ name: 'bom.txt', packed: deflateRawSync(zeros), rawSize: 10, crc: 0 });
    expect(refusal(() => readZip(liar))).toBe('corrupt');
    // the limit is a parameter
    expect(refusal(() => readZip(zip, 20))).toBe('too_large');
  });

  it('refuses encrypted entries, unknown methods and zip64', () => {
    const data = Buffer.from('geheim');
    expect(refusal(() => readZip(handMade({ name: 'g.txt', packed: data, rawSize: 6, crc: crc32(data), method: 0, flags: 1 })))).toBe('encrypted');
    expect(refusal(() => readZip(handMade({ name: 'g.txt', packed: data, rawSize: 6, crc: crc32(data), method: 12 })))).toBe('unsupported');
    expect(refusal(() => readZip(handMade({ name: 'g.txt', packed: data, rawSize: 0xffffffff, crc: 0, method: 0 })))).toBe('zip64');
  });
});
