import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';

/**
 * A minimal zip writer and reader (PKWARE APPNOTE: local headers, data,
 * central directory, end record) on node:zlib, for the Office formats Grip
 * writes (XLSX) and reads (DOCX). No zip64, no encryption, no multi-disk:
 * Office documents never need them, and refusing them keeps the reader small.
 */
export interface ZipInput {
  name: string;
  data: Buffer | string;
  /** Modification time of the entry; a fixed default so the same input gives the same bytes. */
  date?: Date;
}

/** Why an archive was refused, so a caller can tell the user "too large" from "damaged". */
export type ZipProblem = 'corrupt' | 'encrypted' | 'zip64' | 'unsupported' | 'too_large';

export class ZipError extends Error {
  constructor(readonly problem: ZipProblem, message: string) {
    super(message);
    this.name = 'ZipError';
  }
}

/** The default limit on the sum of the uncompressed sizes read from one archive: the zip-bomb guard. */
export const ZIP_MAX_BYTES = 50 * 1024 * 1024;

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const END = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const UTF8_NAMES = 0x0800;
const DEFAULT_DATE = new Date(1980, 0, 1);

/** MS-DOS time and date, local time, as zip stores them (1980 is the earliest it can hold). */
function dosDateTime(d: Date): { time: number; date: number } {
  const year = Math.min(Math.max(d.getFullYear(), 1980), 2107);
  return {
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | (d.getSeconds() >> 1),
    date: ((year - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
  };
}

/** A zip archive of deflated entries, in the order given. */
export function toZip(files: readonly ZipInput[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const file of files) {
    const name = Buffer.from(file.name, 'utf8');
    const data = typeof file.data === 'string' ? Buffer.from(file.data, 'utf8') : file.data;
    const packed = deflateRawSync(data);
    const crc = crc32(data);
    const { time, date } = dosDateTime(file.date ?? DEFAULT_DATE);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL, 0);
    local.writeUInt16LE(20, 4); // version needed: 2.0 (deflate)
    local.writeUInt16LE(UTF8_NAMES, 6);
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(CENTRAL, 0);
    // made by Unix (3), spec 2.0: Debian's unzip ignores the UTF-8 flag of MS-DOS archives and garbles the names
    central.writeUInt16LE((3 << 8) | 20, 4);
    central.writeUInt16LE(20, 6); // version needed
    central.writeUInt16LE(UTF8_NAMES, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(time, 12);
    central.writeUInt16LE(date, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE((0o100644 << 16) >>> 0, 38); // a regular file, rw-r--r--
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    centrals.push(central, name);
    offset += local.length + name.length + packed.length;
    if (offset > 0xffffffff || files.length > 0xffff) throw new RangeError('toZip: archive too large for a zip without zip64');
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const corrupt = (what: string) => new ZipError('corrupt', `zip: ${what}`);

/** The end-of-central-directory record: the last one whose comment runs exactly to the end of the file. */
function findEnd(buf: Buffer): number {
  for (let at = buf.length - 22; at >= Math.max(0, buf.length - 22 - 0xffff); at--) {
    if (buf.readUInt32LE(at) === END && at + 22 + buf.readUInt16LE(at + 20) === buf.length) return at;
  }
  throw corrupt('no end of central directory (not a zip, or truncated)');
}

/**
 * The entries of a zip archive by name (directories left out), read from its
 * central directory; every entry's size and CRC are checked. Throws a
 * `ZipError` for malformed input, zip64, encrypted entries, methods other than
 * stored and deflate, and when the entries read would together unpack to more
 * than `maxBytes`, whatever sizes the archive claims (the zip-bomb guard).
 * `only` picks the entries to unpack; the others are neither inflated nor counted.
 */
export function readZip(buf: Buffer, maxBytes = ZIP_MAX_BYTES, only?: (name: string) => boolean): Map<string, Buffer> {
  if (buf.length < 22) throw corrupt('too short');
  const end = findEnd(buf);
  if (end >= 20 && buf.readUInt32LE(end - 20) === ZIP64_LOCATOR) throw new ZipError('zip64', 'zip: zip64 archives are not supported');
  const count = buf.readUInt16LE(end + 10);
  const size = buf.readUInt32LE(end + 12);
  const start = buf.readUInt32LE(end + 16);
  if (buf.readUInt16LE(end + 4) !== 0 || buf.readUInt16LE(end + 6) !== 0 || buf.readUInt16LE(end + 8) !== count) {
    throw new ZipError('unsupported', 'zip: multi-disk archives are not supported');
  }
  if (count === 0xffff || size === 0xffffffff || start === 0xffffffff) throw new ZipError('zip64', 'zip: zip64 archives are not supported');
  if (start + size > end) throw corrupt('central directory outside the file');

  const out = new Map<string, Buffer>();
  let total = 0;
  let at = start;
  for (let i = 0; i < count; i++) {
    if (at + 46 > start + size || buf.readUInt32LE(at) !== CENTRAL) throw corrupt(`central directory entry ${i} is damaged`);
    const flags = buf.readUInt16LE(at + 8);
    const method = buf.readUInt16LE(at + 10);
    const crc = buf.readUInt32LE(at + 16);
    const packedSize = buf.readUInt32LE(at + 20);
    const rawSize = buf.readUInt32LE(at + 24);
    const nameLength = buf.readUInt16LE(at + 28);
    const next = at + 46 + nameLength + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
    const offset = buf.readUInt32LE(at + 42);
    if (next > start + size) throw corrupt(`central directory entry ${i} is damaged`);
    // Names without the UTF-8 flag are CP437 by the standard, but many tools write UTF-8 there anyway; Office names are ASCII.
    const nameBytes = buf.subarray(at + 46, at + 46 + nameLength);
    const name = nameBytes.toString('utf8');
    at = next;
    if (name.endsWith('/') || (only && !only(name))) continue;
    if (flags & 0x0001 || flags & 0x0040) throw new ZipError('encrypted', `zip: ${name} is encrypted`);
    if (packedSize === 0xffffffff || rawSize === 0xffffffff || offset === 0xffffffff) throw new ZipError('zip64', 'zip: zip64 archives are not supported');
    if (method !== 0 && method !== 8) throw new ZipError('unsupported', `zip: ${name} uses compression method ${method}`);
    if (out.has(name)) throw corrupt(`${name} occurs twice`);
    total += rawSize;
    if (total > maxBytes) throw new ZipError('too_large', `zip: unpacks to more than ${maxBytes} bytes`);

    if (offset + 30 > start || buf.readUInt32LE(offset) !== LOCAL) throw corrupt(`local header of ${name} is damaged`);
    const localName = offset + 30 + buf.readUInt16LE(offset + 26);
    if (localName > start || !buf.subarray(offset + 30, localName).equals(nameBytes)) throw corrupt(`local header of ${name} names another file`);
    const dataStart = localName + buf.readUInt16LE(offset + 28);
    if (dataStart + packedSize > start) throw corrupt(`${name} runs past its end`);
    const packed = buf.subarray(dataStart, dataStart + packedSize);
    let data: Buffer;
    if (method === 0) data = packed;
    else {
      try {
        // maxOutputLength holds inflation to the size the directory claims, so a lying header cannot blow up memory.
        data = inflateRawSync(packed, { maxOutputLength: Math.max(1, rawSize) });
      } catch {
        throw corrupt(`${name} does not inflate to its stated size`);
      }
    }
    if (data.length !== rawSize) throw corrupt(`${name} has the wrong size`);
    if (crc32(data) !== crc) throw corrupt(`${name} fails its CRC check`);
    out.set(name, data);
  }
  return out;
}
