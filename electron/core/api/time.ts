/**
 * Asia/Shanghai days and stamps for the renderer, which may import only the contract: the same
 * functions the core writes its days and the review pack's stamp with (../time.ts, no Node).
 */
export { shanghaiDay, shanghaiMinute } from '../time';
