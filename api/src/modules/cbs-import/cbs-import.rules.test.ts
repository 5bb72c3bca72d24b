import { MissingReason } from '../key-figure/key-figure-missing.entity';
import { IndicatorUnit } from '../indicator/indicator.entity';
import { crsOfMember, crsOfPosition, displayGeometry, featureArea, positionCount } from './boundaries.rules';
import { readCbsInputs } from './cbs-import.files';
import { keyStem, readCell, readStatLineCsv } from './cbs-import.read';
import { deriveShare, indicatorCodeOf, unitOf, yearOfPeriod } from './cbs-import.rules';

describe('reading CBS files', () => {
  it('matches columns by key stem, not by the suffix that changes per table', () => {
    expect(keyStem('AantalInwoners_5')).toBe('AantalInwoners');
    expect(keyStem('k_65JaarOfOuder_12')).toBe('k_65JaarOfOuder');
    expect(keyStem('k_0Tot15Jaar_8')).toBe('k_0Tot15Jaar');
    expect(keyStem('WijkenEnBuurten')).toBe('WijkenEnBuurten');
    expect(keyStem(' Codering_3 ')).toBe('Codering');
  });

  it('reads padded cells, the decimal comma and the symbols with their meaning', () => {
    expect(readCell('  2310')).toEqual({ kind: 'number', value: 2310 });
    expect(readCell('1,5')).toEqual({ kind: 'number', value: 1.5 });
    expect(readCell('-3,25')).toEqual({ kind: 'number', value: -3.25 });
    expect(readCell('       .')).toEqual({ kind: 'missing', reason: MissingReason.UNKNOWN });
    expect(readCell('       x')).toEqual({ kind: 'missing', reason: MissingReason.SECRET });
    expect(readCell('       -')).toEqual({ kind: 'missing', reason: MissingReason.NIL });
    expect(readCell('GM0307    ')).toEqual({ kind: 'text', value: 'GM0307' });
    expect(readCell('   ')).toEqual({ kind: 'empty' });
  });

  it('reads a StatLine CSV and reports a line with another number of fields', () => {
    const table = readStatLineCsv('\uFEFF"ID";"WijkenEnBuurten";"Codering_3";"AantalInwoners_5"\r\n"1";"Utrecht";"GM0344    ";"361924"\r\n"2";"Binnenstad";"WK034400  "\r\n');
    expect([...table.columns.keys()]).toEqual(['ID', 'WijkenEnBuurten', 'Codering', 'AantalInwoners']);
    expect(table.records[0].cells.get('AantalInwoners')).toEqual({ kind: 'number', value: 361924 });
    expect(table.records[1].problem).toBe('The line has 3 fields; the header has 4');
  });

  it('recognises the OData documents by their content, as files or as one object', () => {
    const typed = { value: [{ ID: 0, WijkenEnBuurten: 'GM0344    ', AantalInwoners_5: null }] };
    const properties = { value: [{ Type: 'GeoDimension', Key: 'WijkenEnBuurten', Title: 'Wijken en buurten', MapYear: '2024' }, { Type: 'Topic', Key: 'AantalInwoners_5', Title: 'Aantal inwoners', Unit: 'aantal', Datatype: 'Long' }] };
    const apart = readCbsInputs([{ name: 'DataProperties.json', text: JSON.stringify(properties) }, { name: 'TypedDataSet.json', text: JSON.stringify(typed) }]);
    const together = readCbsInputs([{ name: 'body', text: JSON.stringify({ TypedDataSet: typed, DataProperties: properties }) }]);
    for (const table of [apart, together]) {
      expect(table.format).toBe('odata-json');
      expect(table.mapYear).toBe(2024);
      expect(table.columns.get('AantalInwoners')).toMatchObject({ key: 'AantalInwoners_5', title: 'Aantal inwoners', unit: 'aantal', kind: 'number' });
      expect(table.records[0].cells.get('AantalInwoners')).toEqual({ kind: 'missing', reason: MissingReason.UNKNOWN });
      expect(table.records[0].cells.get('WijkenEnBuurten')).toEqual({ kind: 'text', value: 'GM0344' });
    }
    expect(() => readCbsInputs([{ name: 'x.json', text: '{"value": 3' }])).toThrow(/not valid JSON/);
  });
});

describe('CBS columns as indicators', () => {
  it('maps CBS units onto Schakel units and scales', () => {
    expect(unitOf('aantal')).toEqual({ unit: IndicatorUnit.COUNT, factor: 1 });
    expect(unitOf('%')).toEqual({ unit: IndicatorUnit.PERCENT, factor: 1 });
    expect(unitOf('x 1 000 euro')).toEqual({ unit: IndicatorUnit.EUR, factor: 1000 });
    expect(unitOf('aantal inwoners per km²')).toEqual({ unit: IndicatorUnit.NUMBER, factor: 1 });
    expect(unitOf(null)).toEqual({ unit: IndicatorUnit.NUMBER, factor: 1 });
  });

  it('makes indicator codes from keys, derives shares and reads periods', () => {
    expect(indicatorCodeOf('k_65JaarOfOuder')).toBe('cbs_k_65_jaar_of_ouder');
    expect(indicatorCodeOf('GemiddeldeWOZWaardeVanWoningen')).toBe('cbs_gemiddelde_woz_waarde_van_woningen');
    expect(indicatorCodeOf('AantalInwoners')).toBe('cbs_aantal_inwoners');
    expect(deriveShare(310, 2310)).toBe(13.4);
    expect(deriveShare(1, 0)).toBeNull();
    expect(deriveShare(5, 4)).toBeNull();
    expect(yearOfPeriod('2023JJ00')).toBe(2023);
    expect(yearOfPeriod('2023KW01')).toBeNull();
  });
});

describe('boundaries', () => {
  it('detects the coordinate system from the crs member or the coordinates', () => {
    expect(crsOfMember({ crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::28992' } } })).toBe('EPSG:28992');
    expect(crsOfMember({ crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:OGC:1.3:CRS84' } } })).toBe('EPSG:4326');
    expect(crsOfMember({ crs: { type: 'name', properties: { name: 'EPSG:3857' } } })).toBe('unknown');
    expect(crsOfMember({})).toBeNull();
    expect(crsOfPosition([155000, 463000])).toBe('EPSG:28992');
    expect(crsOfPosition([5.387, 52.155])).toBe('EPSG:4326');
    expect(crsOfPosition([500000, 463000])).toBeNull();
  });

  it('reprojects RD New to WGS 84 (the Onze Lieve Vrouwetoren, RD’s origin, is at 5.3872° E 52.1552° N)', () => {
    const square = [[155000, 463000], [155100, 463000], [155100, 463100], [155000, 463100], [155000, 463000]];
    const geometry = displayGeometry({ type: 'Polygon', coordinates: [square] }, 'EPSG:28992', 0)!;
    const [lon, lat] = (geometry.coordinates as number[][][])[0][0];
    expect(lon).toBeCloseTo(5.3872, 4);
    expect(lat).toBeCloseTo(52.1552, 4);
  });

  it('simplifies for display and keeps rings closed; WGS 84 is only rounded', () => {
    const ring: number[][] = [];
    for (let i = 0; i <= 20; i += 1) ring.push([5 + i * 0.0001, 52 + (i % 2) * 0.000001]);
    ring.push([5.002, 52.001], [5, 52.001], [5, 52]);
    const simplified = displayGeometry({ type: 'MultiPolygon', coordinates: [[ring]] }, 'EPSG:4326')!;
    expect(simplified.type).toBe('Polygon');
    expect(positionCount(simplified)).toBe(5);
    const outer = (simplified.coordinates as number[][][])[0];
    expect(outer[0]).toEqual(outer[outer.length - 1]);
  });

  it('finds the area of a feature by its most specific code', () => {
    expect(featureArea({ buurtcode: 'BU03070101', buurtnaam: 'Kruiskamp', wijkcode: 'WK030701', gemeentecode: 'GM0307' })).toEqual({ code: 'BU03070101', name: 'Kruiskamp' });
    expect(featureArea({ wijkcode: 'WK030701', wijknaam: 'Kruiskamp-Koppel', gemeentecode: 'GM0307' })).toEqual({ code: 'WK030701', name: 'Kruiskamp-Koppel' });
    expect(featureArea({ statcode: 'GM0307', statnaam: 'Amersfoort' })).toEqual({ code: 'GM0307', name: 'Amersfoort' });
    expect(featureArea({ BU_CODE: 'BU03070101', BU_NAAM: 'Kruiskamp' })).toEqual({ code: 'BU03070101', name: 'Kruiskamp' });
    expect(featureArea({ naam: 'x' })).toBeNull();
  });
});
