import { crc32, inflateRawSync } from "node:zlib";

export type ZipEntryRead = {
  name: string;
  text: string;
  dosDate: number;
  dosTime: number;
  crcMatches: boolean;
};

/**
 * Reads a zip archive from its central directory, as unzip tools do, and
 * inflates every entry. It is a test's independent check of ZipWriter.
 */
export function readZip(archive: Buffer): ZipEntryRead[] {
  const endOffset = archive.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (endOffset < 0) throw new Error("No end of central directory record");
  const count = archive.readUInt16LE(endOffset + 10);
  let offset = archive.readUInt32LE(endOffset + 16);
  const entries: ZipEntryRead[] = [];
  for (let index = 0; index < count; index++) {
    if (archive.readUInt32LE(offset) !== 0x02014b50) throw new Error(`No central header at ${offset}`);
    const method = archive.readUInt16LE(offset + 10);
    const dosTime = archive.readUInt16LE(offset + 12);
    const dosDate = archive.readUInt16LE(offset + 14);
    const crc = archive.readUInt32LE(offset + 16);
    const compressedBytes = archive.readUInt32LE(offset + 20);
    const nameLength = archive.readUInt16LE(offset + 28);
    const extraLength = archive.readUInt16LE(offset + 30);
    const commentLength = archive.readUInt16LE(offset + 32);
    const localOffset = archive.readUInt32LE(offset + 42);
    const name = archive.subarray(offset + 46, offset + 46 + nameLength).toString("utf8");

    if (archive.readUInt32LE(localOffset) !== 0x04034b50) throw new Error(`No local header for ${name}`);
    const localName = archive.readUInt16LE(localOffset + 26);
    const localExtra = archive.readUInt16LE(localOffset + 28);
    const dataStart = localOffset + 30 + localName + localExtra;
    const compressed = archive.subarray(dataStart, dataStart + compressedBytes);
    if (method !== 8) throw new Error(`Entry ${name} uses method ${method}, not deflate`);
    const content = inflateRawSync(compressed);
    entries.push({
      name,
      text: content.toString("utf8"),
      dosDate,
      dosTime,
      crcMatches: crc32(content) === crc,
    });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}
