// The import service's public surface.
export { createImportService, type ImportBasis, type ImportOptions, type ImportPreview, type ImportService, type InspectResult, type UndoResult } from './import-service';
export * from './import-report';
