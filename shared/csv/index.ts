// CSV header rules shared by the import service and the UI's column-mapping step.
export { detectColumns, uniqueColumnNames, type DetectedColumns, type HeaderProblem } from './detect-columns';
