// The import service's public surface.
export { createImportService, type ImportService, type ImportOptions, type InspectResult } from './import-service';
export * from './import-report';
