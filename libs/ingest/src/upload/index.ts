export { UploadModule } from './upload.module';
export { UploadService, UPLOAD_LIMITS, type LineOutcome, type UploadReason } from './upload.service';
export { splitLines, type SplitLine } from './line-splitter';
export { messageKeyOf } from './message-key';
export { checkFeed, judgeLine, outcomeOf, type FeedCheckOptions, type Judged } from './feed-check';
