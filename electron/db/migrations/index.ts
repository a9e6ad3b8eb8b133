// The ordered list of migrations. Adding one: create NNNN_name.ts exporting its SQL, append it
// here with the next number. Never edit or reorder a migration that has shipped.
import m0001 from './0001_core';
import m0002 from './0002_follow_up_statuses';
import m0003 from './0003_pending_lists';
import m0004 from './0004_two_person_rule';
import m0005 from './0005_recipients';
import m0006 from './0006_import_undo';
import m0007 from './0007_attachment_texts';
import m0008 from './0008_approval_by_mail';
import m0009 from './0009_limits_and_carriers';
import m0010 from './0010_speed';
import m0011 from './0011_bounces';
import m0012 from './0012_oauth_sign_in';
import m0013 from './0013_member_search_index';
import m0014 from './0014_approval_speed';
import m0015 from './0015_incident_answers';
import m0016 from './0016_member_lookups';
import m0017 from './0017_field_layouts';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export const migrations: readonly Migration[] = [
  { version: 1, name: 'core', sql: m0001 },
  { version: 2, name: 'follow_up_statuses', sql: m0002 },
  { version: 3, name: 'pending_lists', sql: m0003 },
  { version: 4, name: 'two_person_rule', sql: m0004 },
  { version: 5, name: 'recipients', sql: m0005 },
  { version: 6, name: 'import_undo', sql: m0006 },
  { version: 7, name: 'attachment_texts', sql: m0007 },
  { version: 8, name: 'approval_by_mail', sql: m0008 },
  { version: 9, name: 'limits_and_carriers', sql: m0009 },
  { version: 10, name: 'speed', sql: m0010 },
  { version: 11, name: 'bounces', sql: m0011 },
  { version: 12, name: 'oauth_sign_in', sql: m0012 },
  { version: 13, name: 'member_search_index', sql: m0013 },
  { version: 14, name: 'approval_speed', sql: m0014 },
  { version: 15, name: 'incident_answers', sql: m0015 },
  { version: 16, name: 'member_lookups', sql: m0016 },
  { version: 17, name: 'field_layouts', sql: m0017 },
];
