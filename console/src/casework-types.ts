/**
 * The case-work API's answers, as the console names them: the API's own types
 * (libs/contracts/src/api/casework.ts), never a copy.
 */
export type {
  Department,
  HandlerView as Handler,
  NoteView as Note,
  AttachmentView as Attachment,
  TransferView as Transfer,
  NoticeView as Notice,
  NotificationView as Notification,
  NotificationsAnswer,
  NotificationsReadAnswer,
  SavedFilterView as SavedFilter,
} from '@zhijian/contracts/api';
import type { Department } from '@zhijian/contracts/api';

export const DEPARTMENT_NAMES: Record<Department, string> = {
  complaint: '控告申诉检察部门',
  civil: '民事检察部门',
};
