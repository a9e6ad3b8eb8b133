// The import service's public surface.
export { createImportService } from './import-service';
export * from './import-report';
