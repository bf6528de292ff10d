import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { toXlsx } from './xlsx.ts';

/** Reads the entries of a zip back by walking its local headers. */
function entries(buf: Buffer): Map<string, string> {
  const out = new Map<string, string>();
  for (let at = 0; buf.readUInt32LE(at) === 0x04034b50;) {
    const size = buf.readUInt32LE(at + 18);
    const nameLength = buf.readUInt16LE(at + 26);
    const name = buf.subarray(at + 30, at + 30 + nameLength).toString('utf8');
    const start = at + 30 + nameLength;
    out.set(name, inflateRawSync(buf.subarray(start, start + size)).toString('utf8'));
    at = start + size;
  }
  return out;
}

describe('toXlsx', () => {
  const file = toXlsx([{ name: 'Voorraad', rows: [['datum', 'totaal'], ['2024-01-08', 1165], ['<script>&"', null]] }]);

  it('holds a workbook whose sheet has the numbers as numbers and text escaped', () => {
    const parts = entries(file);
    expect([...parts.keys()]).toEqual(['[Content_Types].xml', '_rels/.rels', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/worksheets/sheet1.xml']);
    const sheet = parts.get('xl/worksheets/sheet1.xml')!;
    expect(sheet).toContain('<c r="B2"><v>1165</v></c>');
    expect(sheet).toContain('&lt;script&gt;&amp;&quot;');
    expect(parts.get('xl/workbook.xml')).toContain('<sheet name="Voorraad"');
  });

  it('is a zip that a standard tool accepts', () => {
    const p = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'grip-xlsx-')), 'test.xlsx');
    fs.writeFileSync(p, file);
    // unzip -t tests every entry's CRC; it ships with the machine image (Debian's unzip)
    expect(execFileSync('unzip', ['-t', p]).toString()).toContain('No errors detected');
  });
});
