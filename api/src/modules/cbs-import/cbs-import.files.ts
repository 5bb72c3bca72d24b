import { BadUserInputError } from '../../common/errors';
import { type CbsTable, isDataProperties, isRegionDimension, mapYearOf, readDataProperties, readODataTable, readStatLineCsv } from './cbs-import.read';

/*
 * What a user hands over, as files (the command line) or one request body (REST): a StatLine CSV,
 * or the OData JSON documents — the typed data set with its DataProperties (and, for the areas'
 * names, the WijkenEnBuurten dimension) — as separate files or as one object
 * `{ "TypedDataSet": {...}, "DataProperties": {...}, "WijkenEnBuurten": {...} }`. A CSV given with a
 * DataProperties document takes its titles and units from it. Each is recognised by its content.
 */

export interface CbsInput {
  /** File name (for messages). */
  name: string;
  text: string;
}

interface Documents {
  csv: string | null;
  typedDataSet: unknown | null;
  dataProperties: unknown | null;
  regions: unknown | null;
}

function sortDocument(documents: Documents, document: unknown, name: string): void {
  const put = (slot: keyof Documents, value: unknown) => {
    if (documents[slot] !== null) throw new BadUserInputError('file', `Two ${slot} documents given (${name})`);
    (documents as unknown as Record<string, unknown>)[slot] = value;
  };
  if (document && typeof document === 'object' && !Array.isArray(document) && !('value' in document)) {
    const parts = document as Record<string, unknown>;
    const known = ['TypedDataSet', 'DataProperties', 'WijkenEnBuurten'].filter((key) => key in parts);
    if (known.length === 0) throw new BadUserInputError('file', `${name} is no CBS OData document (no "value" array, no TypedDataSet/DataProperties)`);
    if (parts.TypedDataSet) put('typedDataSet', parts.TypedDataSet);
    if (parts.DataProperties) put('dataProperties', parts.DataProperties);
    if (parts.WijkenEnBuurten) put('regions', parts.WijkenEnBuurten);
    return;
  }
  if (isDataProperties(document)) put('dataProperties', document);
  else if (isRegionDimension(document)) put('regions', document);
  else put('typedDataSet', document);
}

/** The table the inputs make together. */
export function readCbsInputs(inputs: CbsInput[]): CbsTable {
  if (inputs.length === 0) throw new BadUserInputError('file', 'Give the file to import');
  const documents: Documents = { csv: null, typedDataSet: null, dataProperties: null, regions: null };
  for (const input of inputs) {
    const text = input.text.replace(/^\uFEFF/, '');
    if (/^\s*[{[]/.test(text)) {
      let document: unknown;
      try {
        document = JSON.parse(text);
      } catch (error) {
        throw new BadUserInputError('file', `${input.name} is not valid JSON: ${(error as Error).message}`);
      }
      sortDocument(documents, document, input.name);
    } else {
      if (documents.csv !== null) throw new BadUserInputError('file', 'Two CSV files given: import one year at a time');
      documents.csv = text;
    }
  }
  if (documents.csv !== null && documents.typedDataSet !== null) throw new BadUserInputError('file', 'Give a CSV download or the OData typed data set, not both');
  if (documents.csv !== null) {
    const table = readStatLineCsv(documents.csv);
    if (documents.dataProperties) {
      const metadata = readDataProperties(documents.dataProperties);
      for (const [stem, column] of table.columns) {
        const property = metadata.get(stem);
        if (property) table.columns.set(stem, { ...property, key: column.key });
      }
      table.mapYear = mapYearOf(documents.dataProperties);
    }
    return table;
  }
  if (documents.typedDataSet === null) throw new BadUserInputError('file', 'Give the typed data set (TypedDataSet) with its DataProperties');
  return readODataTable(documents.typedDataSet, documents.dataProperties, documents.regions);
}
