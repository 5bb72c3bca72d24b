import { IdentityKind, findIdentity, identityMessage, isBsn } from './identity.rules';

/**
 * The identity detector's corpus (docs/security.md, "The anonymous layer"): Dutch phrasings
 * that identify a person (each must be found, with its kind and exact span) and phrasings a
 * case description needs that must pass. The counts below are the ones the docs quote.
 */
const K = IdentityKind;

/** [text, kind, the identifying part exactly as it must be reported]. */
export const MUST_HIT: Array<[string, IdentityKind, string]> = [
  ['Mevrouw Jansen, geboren 12-03-1941, Schuilenburgerweg 4', K.NAME, 'Mevrouw Jansen'],
  ['Het gaat om mevrouw De Vries uit de flat.', K.NAME, 'mevrouw De Vries'],
  ['mw. Bakker wil alleen huishoudelijke hulp', K.NAME, 'mw. Bakker'],
  ['Mw. J. Bakker is zorgmijdend', K.NAME, 'Mw. J. Bakker'],
  ['dhr. P. de Vries belt niet terug', K.NAME, 'dhr. P. de Vries'],
  ['Dhr. Yilmaz heeft schulden', K.NAME, 'Dhr. Yilmaz'],
  ['meneer Van den Berg woont alleen', K.NAME, 'meneer Van den Berg'],
  ['De heer El-Amrani komt niet meer naar de moskee', K.NAME, 'De heer El-Amrani'],
  ['mijnheer Özdemir is gevallen', K.NAME, 'mijnheer Özdemir'],
  ['Gesprek met mevr. Smit over de buren', K.NAME, 'mevr. Smit'],
  ['familie Pietersen heeft een huisuitzetting', K.NAME, 'familie Pietersen'],
  ['Mw. J.K. is bekend bij de kerk', K.NAME, 'Mw. J.K.'],
  ['melding over dhr. R. van der Meer', K.NAME, 'dhr. R. van der Meer'],
  ['Mevrouw Jansen, geboren 12-03-1941', K.DATE_OF_BIRTH, 'geboren 12-03-1941'],
  ['vrouw, geb. 3-7-1938, alleenstaand', K.DATE_OF_BIRTH, 'geb. 3-7-1938'],
  ['geboren op 12 maart 1941 in Amersfoort', K.DATE_OF_BIRTH, 'geboren op 12 maart 1941'],
  ['Geboortedatum: 01/02/1950', K.DATE_OF_BIRTH, 'Geboortedatum: 01/02/1950'],
  ['man (geb.datum 14.11.1946) woont bij zijn zoon', K.DATE_OF_BIRTH, 'geb.datum 14.11.1946'],
  ['oudere heer, geboren 5 okt. 1932', K.DATE_OF_BIRTH, 'geboren 5 okt. 1932'],
  ['woont aan de Schuilenburgerweg 4', K.ADDRESS, 'Schuilenburgerweg 4'],
  ['adres Lange Beekstraat 12a, tweede etage', K.ADDRESS, 'Lange Beekstraat 12a'],
  ['Hendrik van Viandenstraat 22-3 is zijn adres', K.ADDRESS, 'Viandenstraat 22-3'],
  ['Ze woont op de Kruiskamp 112 bij haar zus', K.ADDRESS, 'Kruiskamp 112'],
  ['flat aan het Emiclaerhof 8 boven de winkel', K.ADDRESS, 'Emiclaerhof 8'],
  ['Postcode 3813 AB, eerste verdieping', K.POSTCODE, '3813 AB'],
  ['woont in 3822XK', K.POSTCODE, '3822XK'],
  ['postcode 3811gh', K.POSTCODE, '3811gh'],
  ['bereikbaar op 06-12345678', K.PHONE, '06-12345678'],
  ['bel 033 456 78 90 na 17 uur', K.PHONE, '033 456 78 90'],
  ['dochter: +31 6 1234 5678', K.PHONE, '+31 6 1234 5678'],
  ['tel. 0334567890', K.PHONE, '0334567890'],
  ['nummer 0031 (0)33 4567890 van de buurman', K.PHONE, '0031 (0)33 4567890'],
  ['mail naar j.jansen@example.nl voor contact', K.EMAIL, 'j.jansen@example.nl'],
  ['haar e-mail is Fam.Bakker+zorg@ziggo.example.org', K.EMAIL, 'Fam.Bakker+zorg@ziggo.example.org'],
  ['BSN 1112.22.333, woont alleen', K.BSN, '1112.22.333'],
  ['bsn: 111222333', K.BSN, '111222333'],
  ['burgerservicenummer 111 222 333 bekend bij de gemeente', K.BSN, '111 222 333'],
];

/** Phrasings a case needs that identify nobody. */
export const MUST_PASS: string[] = [
  'oudere vrouw van 80',
  'woont in Schuilenburg',
  'Mevrouw heeft problemen gekregen met staan en lopen en moet nu zes tot acht weken wachten terwijl de indicatie wordt geregeld.',
  'Mevrouw is zorgmijdend; ze wil slechts huishoudelijke hulp, geen verpleegkundige hulp.',
  'Mevrouw heeft toestemming gegeven om haar problematiek binnen het Buurtnetwerk 55+ te bespreken.',
  'mevrouw kan slecht lopen',
  'Meneer wil geen hulp van de thuiszorg',
  'De heer is bekend bij de wijkagent',
  'Het betreft een vrouw van 42 jaar die problematiek heeft op meerdere levensgebieden.',
  'Haar zoontje is inmiddels uit huis geplaatst en er is een omgangsregeling onder regie van jeugdzorg.',
  'Ze spreekt de vrouw aan op een respectvolle manier als ‘mamma van...’',
  'ontmoeting op buurthuis De Roef, wijkcentrum De Trefhorst',
  'woont in de buurt van de Schuilenburgerweg',
  'woont al 12 jaar in Kruiskamp',
  'In Kruiskamp 2 gezinnen met schulden',
  'Kruiskamp is in 2007 aangewezen als Vogelaarwijk',
  'geboren in 1941, weduwe',
  'huisbezoek op 12-05-2008 afgesproken',
  'Looptijd van de casus: Mei 2008 - 2 juli 2008',
  'Kenmerk 123456789 van de woningcorporatie',
  'dossier 2026-00042 is eerder besproken',
  'Buurtnetwerk 55+ komt elke 6 weken bij elkaar',
  'Contact via de huisarts en de Riagg; Symfora als schilpartner',
  'Grijs Genoegen gaat op huisbezoek',
  'bekend bij Beweging 3.0 en de Brugkerk',
  'woont op de tweede verdieping van een portiekflat',
  'wachttijd van 6 tot 8 weken voor de indicatie',
  'alleenstaande man, 67, Turkse achtergrond, slechtziend',
  'mevrouw en haar dochter van 15',
  'de familie is bekend bij Bureau Jeugdzorg',
  'Zorgmijder, wil geen contact met de GGZ; opnieuw proberen in september 2026',
  'Meer dan 40 procent van de bewoners woont in een huurwoning',
  'Huurachterstand van € 1.250 bij de corporatie',
  'score 7,5 op de sociale kwaliteit',
  'meneer zegt dat hij 3 keer per week naar de Eetclub gaat',
];

describe('the identity detector (identity.rules)', () => {
  it.each(MUST_HIT)('finds it in "%s" (%s)', (text, kind, part) => {
    const found = findIdentity(text);
    const hit = found.find((h) => h.kind === kind);
    expect(hit).toBeDefined();
    expect(hit!.text).toBe(part);
    expect(text.slice(hit!.start, hit!.end)).toBe(part);
  });

  it.each(MUST_PASS.map((text) => [text]))('lets "%s" pass', (text) => {
    expect(findIdentity(text)).toEqual([]);
  });

  it('finds every identifying part of the issue’s example, in order, without overlaps', () => {
    const text = 'Mevrouw Jansen, geboren 12-03-1941, Schuilenburgerweg 4, 3817 CE Amersfoort, tel. 06-12345678';
    expect(findIdentity(text).map((h) => [h.kind, h.text])).toEqual([
      [K.NAME, 'Mevrouw Jansen'],
      [K.DATE_OF_BIRTH, 'geboren 12-03-1941'],
      [K.ADDRESS, 'Schuilenburgerweg 4'],
      [K.POSTCODE, '3817 CE'],
      [K.PHONE, '06-12345678'],
    ]);
  });

  it('says in Dutch what it found, where, and where it belongs', () => {
    const [hit] = findIdentity('Het gaat om mevrouw Jansen.');
    expect(hit).toEqual({ kind: K.NAME, start: 12, end: 26, text: 'mevrouw Jansen' });
    expect(identityMessage(hit)).toBe(
      'Het anonieme deel van de casus bevat een naam of initialen met aanhef: "mevrouw Jansen" (teken 13 tot 26). Laat het weg of zet het bij de identificerende gegevens; die leest alleen wie toestemming heeft.',
    );
  });

  it('checks a BSN with the elfproef', () => {
    expect(isBsn('111222333')).toBe(true);
    expect(isBsn('123456789')).toBe(false);
    expect(isBsn('000000000')).toBe(false);
  });

  it('has the corpus sizes the docs quote', () => {
    expect([MUST_HIT.length, MUST_PASS.length]).toEqual([37, 35]);
  });
});
