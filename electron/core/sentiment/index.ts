export { createSentimentEngine, createAnalyzer, scoreAnalysis, labelOf, DEFAULT_CALIBRATION_FILE, NEUTRAL_BAND, type EngineOptions } from './engine';
export { defaultResourcesDir } from './resources-dir';
export { evaluate, type EvalMetrics } from './metrics';
export { readLabelledCsv, type LabelledRow, type LabelledSet, type CsvColumns } from './csv';
export { fitCalibration, toCalibration, type CalibrationFile, type CalibrationOptions, type Calibration } from './model';
export type { Analysis } from './analyzer';
export { MAX_SCORED_CHARS } from './normalize';
export { TOPICS, type Topic, type SentimentLabel, type SentimentResult, type Driver, type SentimentEngine } from './types';
