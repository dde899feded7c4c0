/**
 * The review pack as the app hands it out: the pack with its workspace, the workbook's bytes and
 * its file name, and the stamp a printed board carries. The CLI writes the same workbook to disk.
 */
import path from 'node:path';
import type Database from 'better-sqlite3';
import { ApiError } from '../api/errors';
import { buildReviewPack, dataAsOf, type ReviewPack } from './review-pack';
import type * as WorkbookModuleNamespace from './review-pack-workbook';

type WorkbookModule = typeof WorkbookModuleNamespace;

export interface PackRequest {
  from?: string;
  to?: string;
}

/** The workspace a pack is stamped with: the database file's name, as `cockpit review-pack` says it. */
export function workspaceOf(databaseFile: string): string {
  return path.basename(databaseFile);
}

export function packFileName(databaseFile: string, pack: Pick<ReviewPack, 'periods'>): string {
  const { from, to } = pack.periods.current;
  return `review-pack_${path.parse(databaseFile).name}_${from}_${to}.xlsx`;
}

/** buildReviewPack's own errors (bad period, no data yet) are the caller's to fix, not a crash. */
function packOrInvalid(sqlite: Database.Database, request: PackRequest): ReviewPack {
  try {
    return buildReviewPack(sqlite, request);
  } catch (error) {
    if (error instanceof Error && !(error instanceof ApiError)) throw new ApiError('invalid_input', error.message);
    throw error;
  }
}

export function reviewPackView(sqlite: Database.Database, databaseFile: string, request: PackRequest) {
  return { ...packOrInvalid(sqlite, request), workspace: workspaceOf(databaseFile) };
}

export async function reviewPackWorkbook(sqlite: Database.Database, databaseFile: string, request: PackRequest) {
  const pack = packOrInvalid(sqlite, request);
  const { buildWorkbook } = await loadWorkbookBuilder();
  const workbook = buildWorkbook(pack, workspaceOf(databaseFile));
  const bytes = await workbook.xlsx.writeBuffer();
  return { fileName: packFileName(databaseFile, pack), base64: Buffer.from(bytes).toString('base64') };
}

/**
 * exceljs, echarts and resvg add about 140 MB to every thread that loads them, and every thread
 * imports the domains (the core, the sync thread, the CLI): they are loaded by the first export.
 */
export function loadWorkbookBuilder(): Promise<WorkbookModule> {
  return import('./review-pack-workbook');
}

export function dataStamp(sqlite: Database.Database, databaseFile: string) {
  return { asOfMs: dataAsOf(sqlite), workspace: workspaceOf(databaseFile) };
}
