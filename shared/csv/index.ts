// CSV header rules shared by the import service and the UI's column-mapping step.
export { detectColumns, normaliseHeader, uniqueColumnNames, type DetectedColumns, type HeaderProblem } from './detect-columns';
