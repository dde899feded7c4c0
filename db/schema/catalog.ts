import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { syncedRecordColumns } from './columns';

export const categories = sqliteTable('categories', {
  ...syncedRecordColumns(),
  name: text('name').notNull(),
  parentId: text('parent_id'),
  level: integer('level').notNull(),
});

export const people = sqliteTable('people', {
  ...syncedRecordColumns(),
  name: text('name').notNull(),
  department: text('department').notNull(),
  title: text('title').notNull(),
});
