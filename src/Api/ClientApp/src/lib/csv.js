// Reading CSV in the browser: the first rows of a file for the import's mapping step, and the
// rejected rows the server reports. RFC 4180 quoting; the delimiter is guessed like the server does.

export function detectDelimiter(headerLine) {
  let best = ',';
  let bestCount = 0;
  for (const candidate of [',', ';', '\t', '|']) {
    let count = 0;
    let quoted = false;
    for (const ch of headerLine) {
      if (ch === '"') quoted = !quoted;
      else if (!quoted && ch === candidate) count++;
    }
    if (count > bestCount) { best = candidate; bestCount = count; }
  }
  return best;
}

/** Parses text into rows of fields; stops after maxRows rows (a cut last row is dropped). */
export function parseCsv(text, { delimiter, maxRows = Infinity, complete = true } = {}) {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const sep = delimiter ?? detectDelimiter(firstLine);
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  let i = 0;
  for (; i < text.length && rows.length < maxRows; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') { field += '"'; i++; } else quoted = false;
      } else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === sep) { row.push(field); field = ''; }
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field); field = '';
      rows.push(row); row = [];
    } else field += ch;
  }
  // The last row counts when the text is whole; in a slice of a file it may be cut.
  if (complete && i >= text.length && (field !== '' || row.length > 0) && rows.length < maxRows) {
    row.push(field);
    rows.push(row);
  }
  return { delimiter: sep, rows: rows.filter((r) => !(r.length === 1 && r[0] === '')) };
}

/** The lead fields a column can feed, as the import's mapping names them (LeadField in the API). */
export const leadFields = [
  ['ignore', 'Ignore (do not import)'],
  ['custom', 'Custom field (named after the column)'],
  ['firstName', 'First name'],
  ['lastName', 'Last name'],
  ['phone', 'Phone'],
  ['altPhones', 'Alternate phones'],
  ['address', 'Address'],
  ['city', 'City'],
  ['state', 'State / region'],
  ['postalCode', 'Postal code'],
  ['country', 'Country'],
  ['gender', 'Gender'],
  ['email', 'E-mail'],
  ['comments', 'Comments'],
  ['tags', 'Tags'],
  ['timeZone', 'Time zone'],
  ['customFieldsJson', 'Custom fields (JSON object)'],
];

const known = {};
function add(field, ...names) { for (const n of names) known[n] = field; }
add('firstName', 'firstname', 'first', 'fname', 'givenname', 'forename');
add('lastName', 'lastname', 'last', 'lname', 'surname', 'familyname');
add('address', 'address', 'address1', 'addressline1', 'street', 'streetaddress');
add('city', 'city', 'town');
add('state', 'state', 'region', 'province', 'stateprovince', 'county');
add('postalCode', 'postalcode', 'postcode', 'zip', 'zipcode', 'postal');
add('country', 'country', 'countrycode');
add('phone', 'phone', 'phonenumber', 'phoneno', 'telephone', 'tel', 'mobile', 'mobilephone', 'cell', 'cellphone', 'number', 'mainphone', 'phone1');
add('altPhones', 'altphone', 'altphones', 'alternatephone', 'alternatephones', 'alternativephone', 'otherphone', 'phone2', 'phone3', 'workphone', 'homephone');
add('gender', 'gender', 'sex');
add('email', 'email', 'emailaddress', 'mail');
add('comments', 'comments', 'comment', 'notes', 'note', 'remarks');
add('tags', 'tags', 'tag', 'labels');
add('timeZone', 'timezone', 'tz');
add('customFieldsJson', 'customfields');
add('ignore', 'id', 'listid', 'status', 'attempts', 'lastoutcome', 'disposition', 'createdat', 'updatedat', 'nextcallableat');

/** The field the server would pick for a header on its own ("First Name" → firstName). */
export function guessField(header) {
  const key = header.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (known[key]) return known[key];
  return header.trim() === '' ? 'ignore' : 'custom';
}
