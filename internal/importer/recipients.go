package importer

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"appeal/internal/casefile"
)

// kind is what a piece of a recipient block holds.
type kind int

const (
	kNone        kind = iota
	kTitle            // Minister of Justice
	kName             // Marat Beketaev
	kOrg              // Ministry of Justice
	kCareOf           // c/o Embassy of Ruritania
	kAddress          // 14 Orynbor Street
	kNameOrAddr       // two or three capitalised words: a name at the top of a block, else an address line
	kCountry          // Republic of Kazakhstan
	kFax              // Fax: ...
	kPhone            // Phone: ...
	kNumber           // a number with no label: phone or fax
	kEmail            // kanc@adilet.gov.kz
	kEmailHidden      // [email protected]
	kSalutation       // Salutation: Dear Minister
	kGender           // an honorific alone: Monsieur le ...
	kOther            // a labelled field the case file has no place for (Twitter:)
	kUnknown
)

// field is one classified piece of a block.
type field struct {
	kind   kind
	value  string
	gender gender // of a kGender field
	check  string // a doubt about the value
	caps   bool   // the value was written in capitals and has been recased
	shared bool   // from a label shared by two fields ("Tel/Fax:"): a field's own label wins
	line   int
	raw    string
}

// Labels that introduce a field.
var (
	labelPattern = regexp.MustCompile(`(?i)(?:^|[\s,;|/(]|\bI\s)((?:e-?mails?|факс|телефон|тел|courriel|correo-e|correo electrónico|correo|mél|mail|faxes|fax|telegrams?|telex|télécopie|telecopie|telefax|(?:tel|tél|phone|telephone|téléphone|telefon)\.?\s*[/|&]\s*fax|fax\s*[/|&]\s*(?:tel|tél|phone|telephone|téléphone|telefon)\.?|phone|telephone|téléphone|telephone|tel|tél|telefon|mobile|portable|handy|salutation|formule d'appel|formule de politesse|korrekte anrede|anrede|encabezado|saludo|twitter|facebook|instagram|website|web|site web|internet|webseite|homepage)\.?\s*:)`)
	// "Fax +7 ..." with no colon.
	bareLabel = regexp.MustCompile(`(?i)^(fax|tel|tél|phone|telephone|téléphone|telefon|telefax)\.?\s+([+(\d].*)$`)
	emailRe   = regexp.MustCompile(`(?i)(?:mailto:)?([a-z0-9._%+\-]+@[a-z0-9\-]+(?:\.[a-z0-9\-]+)+)`)
	hiddenRe  = regexp.MustCompile(`(?i)\[?\s*email(?:\s|&#160;|&nbsp;)*protected\s*\]?|/cdn-cgi/l/email-protection\S*`)
	numberRe  = regexp.MustCompile(`^(?:\+|00)?[\d\s().\-/]+$`)
	careOfRe  = regexp.MustCompile(`(?i)^(?:c/o|c\.o\.|care of|p/a|aux bons soins d[eu']\s*|per adresse|über)\s*:?\s*`)
	// Street words and postcodes.
	postcodeStart = regexp.MustCompile(`^(?:[A-Z]{1,2}-)?\d{4,6}\s+\p{Lu}`)
	ukPostcode    = regexp.MustCompile(`\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b`)
	usZip         = regexp.MustCompile(`\b(?:AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY)\s+\d{5}(?:-\d{4})?\b`)
	salutationRe  = regexp.MustCompile(`(?i)^(?:dear|your excellency|your majesty|your (?:royal )?highness|majestät|votre majesté|votre excellence|excellence|exzellenz|sehr geehrte[rs]?|monsieur|madame|estimad[oa]|su excelencia|señor[a]? presidente|señor[a]? ministr[oa])\b`)
)

// Words of street addresses, and the ends of German street names.
var (
	streetWords = words(`street st. road rd rd. avenue ave ave. boulevard blvd blvd. lane square place plaza drive way
		highway box rue chemin allée quai route impasse cours straße strasse str. platz weg gasse allee ring damm
		ufer postfach calle avenida jirón piso building house floor entrance block suite bp cedex zip`)
	streetSuffixes = []string{"straße", "strasse", "platz", "weg", "gasse", "allee"}
)

// hasStreetWord reports whether s reads like a line of a postal address.
func hasStreetWord(s string) bool {
	low := strings.ToLower(s)
	if strings.Contains(low, "p.o. box") || strings.Contains(low, "po box") || strings.Contains(low, "p.o.box") || strings.Contains(low, "private bag") {
		return true
	}
	for _, w := range strings.FieldsFunc(low, func(r rune) bool { return unicode.IsSpace(r) || r == ',' || r == ';' || r == '(' || r == ')' }) {
		if streetWords[w] || streetWords[strings.TrimRight(w, ".")] {
			return true
		}
		for _, suf := range streetSuffixes {
			if strings.HasSuffix(strings.TrimRight(w, "."), suf) || strings.Contains(w, suf+"-") || strings.Contains(w, "-"+suf) {
				return true
			}
		}
	}
	return false
}

// isHidden reports an e-mail address a web page hid: "[email protected]".
func isHidden(s string) bool {
	low := strings.ToLower(s)
	return (strings.Contains(low, "protected") || strings.Contains(low, "email-protection")) && hiddenRe.MatchString(s)
}

// segments cuts a line of a recipient block into pieces at labels, at
// semicolons and, where the line runs several fields together, at commas.
func segments(s string) []string {
	var out []string
	locs := labelPattern.FindAllStringSubmatchIndex(s, -1)
	start, labelled := 0, false
	emit := func(end int) {
		chunk := s[start:end]
		if strings.Trim(chunk, " ([") == "" {
			return // "(korrekte Anrede: …)": the bracket before a label
		}
		if !labelled {
			out = append(out, splitUnlabelled(chunk)...)
			return
		}
		// A labelled value ends at a semicolon: "Fax: +1 555 0100; Minister of ..."
		v, rest, _ := strings.Cut(chunk, ";")
		out = append(out, v)
		out = append(out, splitUnlabelled(rest)...)
	}
	for _, loc := range locs {
		if loc[2] > start {
			emit(loc[2])
		}
		start, labelled = loc[2], true
	}
	emit(len(s))
	return out
}

// splitUnlabelled cuts run-together text: at semicolons always, at commas
// when the parts are different kinds of field ("HIS EXCELLENCY MR ERZHAN
// KAZYKHANOV, Embassy of the Republic of Kazakhstan, 125 Pall Mall SW1Y
// 5EA, 020 792 51757, london@kazembassy.org.uk"), but not inside an
// address line ("Astana, 010000").
func splitUnlabelled(s string) []string {
	var out []string
	// "Gholamhossein Mohseni Ejei c/o Embassy of Iran": c/o starts a field.
	s = midCareOf.ReplaceAllString(s, "$1; c/o ")
	for _, part := range strings.Split(s, ";") {
		part = trimField(part)
		if part == "" {
			continue
		}
		commas := splitCommas(part)
		if len(commas) < 2 {
			out = append(out, part)
			continue
		}
		strong, nameish := 0, 0
		firstStrong := false
		for i, c := range commas {
			k := classifyOne(c).kind
			switch {
			case strongKind(k):
				strong++
				firstStrong = firstStrong || i == 0
			case k == kNameOrAddr:
				nameish++
			}
		}
		last := commas[len(commas)-1]
		_, lastCountry := countryCode(last) // (classified above; cheap)
		switch {
		case strong > 0 && (len(commas) >= 3 || strong+nameish == len(commas) || firstStrong):
			out = append(out, mergePostcodes(commas)...)
		case lastCountry && len(commas) >= 2:
			out = append(out, strings.Join(commas[:len(commas)-1], ", "), last)
		default:
			out = append(out, part)
		}
	}
	return out
}

var midCareOf = regexp.MustCompile(`(\p{L}) c/o `)

// splitCommas splits at commas that separate fields, not those inside a
// number ("1,5") or after a house number ("31, boulevard Bab Benat").
func splitCommas(s string) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		if s[i] != ',' {
			continue
		}
		before := strings.TrimSpace(s[start:i])
		if before == "" || start == 0 && isDigits(before) {
			continue // "31, boulevard de la Kasbah"
		}
		out = append(out, before)
		start = i + 1
	}
	if rest := strings.TrimSpace(s[start:]); rest != "" {
		out = append(out, rest)
	}
	return out
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// mergePostcodes joins a part that is only a postcode to the part before:
// "Astana", "010000" -> "Astana, 010000".
func mergePostcodes(parts []string) []string {
	var out []string
	for _, p := range parts {
		if len(out) > 0 && isPostcode(p) && classifyOne(out[len(out)-1]).kind != kNumber {
			out[len(out)-1] += ", " + p
			continue
		}
		out = append(out, p)
	}
	return out
}

func isPostcode(s string) bool {
	s = strings.TrimSpace(s)
	if isDigits(s) && len(s) >= 4 && len(s) <= 6 {
		return true
	}
	return ukPostcode.MatchString(s) && len(s) <= 8
}

// strongKind reports whether a comma-separated part of this kind is
// clearly something other than an address line.
func strongKind(k kind) bool {
	switch k {
	case kTitle, kName, kOrg, kEmail, kEmailHidden, kNumber, kFax, kPhone, kCareOf, kSalutation, kCountry:
		return true
	}
	return false
}

// classify turns one segment into fields: "Prosecutor General Zhakip
// Assanov" gives a title and a name.
func classify(seg string) []field {
	s := trimField(plainQuotes(seg))
	if s == "" {
		return nil
	}
	if m := labelPattern.FindStringSubmatchIndex(s); m != nil && m[2] <= 1 {
		label := strings.ToLower(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s[m[2]:m[3]]), ":")))
		label = strings.TrimSuffix(label, ".")
		return labelled(label, trimField(s[m[3]:]))
	}
	if m := bareLabel.FindStringSubmatch(s); m != nil && numberRe.MatchString(m[2]) {
		return labelled(strings.ToLower(m[1]), trimField(m[2]))
	}
	return splitTitleName(s)
}

// labelled reads the value of a labelled field.
func labelled(label, v string) []field {
	v = strings.TrimSpace(v)
	switch {
	case strings.Contains(label, "mail") || label == "courriel" || label == "mél" || strings.HasPrefix(label, "correo"):
		return emailField(v)
	case strings.ContainsAny(label, "/|&"):
		return []field{{kind: kFax, value: v, shared: true}, {kind: kPhone, value: v, shared: true}}
	case strings.Contains(label, "fax") || strings.Contains(label, "copie") || label == "факс":
		return []field{{kind: kFax, value: v}}
	case label == "salutation" || strings.HasPrefix(label, "formule") || strings.HasSuffix(label, "anrede") || label == "encabezado" || label == "saludo":
		return []field{{kind: kSalutation, value: strings.TrimSpace(strings.TrimSuffix(v, ")"))}}
	case label == "twitter" || strings.HasPrefix(label, "telegram") || label == "telex" || label == "facebook" || label == "instagram" || strings.Contains(label, "web") || label == "internet" || label == "homepage":
		return []field{{kind: kOther, value: label + ": " + v}}
	}
	return []field{{kind: kPhone, value: v}}
}

func emailField(v string) []field {
	v = strings.ReplaceAll(v, "(a)", "@") // "info(a)pmo.gov.pk"
	if isHidden(v) {
		return []field{{kind: kEmailHidden, check: "the source hid this e-mail address (a web page's spam protection); copy it from the page in a browser"}}
	}
	if strings.Contains(v, "@") {
		if m := emailRe.FindStringSubmatch(v); m != nil {
			return []field{{kind: kEmail, value: m[1]}}
		}
	}
	if v == "" {
		return nil
	}
	return []field{{kind: kOther, value: "e-mail: " + v}}
}

// classifyOne classifies a segment that holds one field.
func classifyOne(s string) field {
	fs := splitTitleName(trimField(plainQuotes(s)))
	if len(fs) == 0 {
		return field{}
	}
	return fs[0]
}

// splitTitleName classifies an unlabelled segment.
func splitTitleName(s string) []field {
	if s == "" {
		return nil
	}
	if isHidden(s) {
		return emailField(s)
	}
	if strings.Contains(s, "@") && len(strings.Fields(s)) <= 2 {
		if m := emailRe.FindStringSubmatch(s); m != nil {
			return []field{{kind: kEmail, value: m[1]}}
		}
	}
	if loc := emailRe.FindStringSubmatchIndex(s); loc != nil && loc[0] > 0 && strings.TrimSpace(strings.Trim(s[loc[1]:], " /|")) == "" {
		// "Managua, Nicaragua nicaragua@oas.org": an address ending in an e-mail address.
		return append(splitTitleName(strings.TrimSpace(s[:loc[0]])), field{kind: kEmail, value: s[loc[2]:loc[3]]})
	}
	if isPhoneNumber(s) {
		return []field{{kind: kNumber, value: s}}
	}
	if m := careOfRe.FindStringIndex(s); m != nil && m[1] < len(s) {
		return []field{{kind: kCareOf, value: strings.TrimSpace(s[m[1]:])}}
	}
	if salutationRe.MatchString(s) && (strings.HasSuffix(s, ",") || strings.HasSuffix(s, "!") || isSalutationOnly(s)) {
		return []field{{kind: kSalutation, value: s}}
	}
	if rest, gender, ok := stripHonorifics(s); ok {
		if fs := runTogether(s); fs != nil && len(strings.Fields(rest)) >= 8 {
			return fs
		}
		return honorificFields(rest, gender)
	}
	if code, ok := countryCode(s); ok {
		return []field{{kind: kCountry, value: code}}
	}
	ws := strings.Fields(s)
	hasDigit := strings.IndexFunc(s, unicode.IsDigit) >= 0
	switch orgOrTitle(ws) {
	case kOrg:
		if fs := runTogether(s); fs != nil {
			return fs
		}
		if !hasDigit {
			return []field{{kind: kOrg, value: recase(s)}}
		}
	case kTitle:
		if !hasDigit {
			return titleFields(ws)
		}
	}
	if hasDigit || hasStreetWord(s) || postcodeStart.MatchString(s) {
		if fs := runTogether(s); fs != nil {
			return fs
		}
		return []field{{kind: kAddress, value: s}}
	}
	if looksLikeName(ws) {
		name, caps := normaliseName(s)
		return []field{{kind: kNameOrAddr, value: name, caps: caps}}
	}
	return []field{{kind: kUnknown, value: s}}
}

// isSalutationOnly reports whether s is a salutation even without its
// comma: "Dear Minister", "Sehr geehrter Herr Minister".
func isSalutationOnly(s string) bool {
	low := strings.ToLower(s)
	return strings.HasPrefix(low, "dear ") || strings.HasPrefix(low, "sehr geehrte") || low == "your excellency"
}

// orgOrTitle decides whether words name an organisation or a title.
func orgOrTitle(ws []string) kind {
	if len(ws) == 0 {
		return kNone
	}
	first, last := ws[0], ws[len(ws)-1]
	if strings.EqualFold(first, "the") && len(ws) > 1 {
		first = ws[1]
	}
	possessive := false
	for _, w := range ws[:len(ws)-1] {
		possessive = possessive || strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "’s")
	}
	switch {
	case isOrgWord(last) && (!isTitleWord(first) || possessive):
		return kOrg
	case isTitleWord(first):
		return kTitle
	case isOrgWord(last):
		return kOrg
	}
	for _, w := range ws {
		if isOrgWord(w) {
			return kOrg
		}
	}
	for _, w := range ws {
		if isTitleWord(w) {
			return kTitle
		}
	}
	return kNone
}

// titleFields reads a title that may go on with a name: "Prosecutor
// General Zhakip Assanov", "Minister of Justice Dr Rania Haddad".
func titleFields(ws []string) []field {
	if len(ws) > 1 && strings.EqualFold(ws[0], "the") {
		ws = ws[1:]
	}
	for i := 1; i < len(ws); i++ {
		if rest, gender, ok := stripHonorifics(strings.Join(ws[i:], " ")); ok && rest != "" && startsUpper(rest) {
			return append([]field{{kind: kTitle, value: recase(strings.Join(ws[:i], " "))}}, honorificFields(rest, gender)...)
		}
	}
	i := 0
	for ; i < len(ws); i++ {
		low := strings.ToLower(ws[i])
		prevConnector := i > 0 && connectors[strings.ToLower(ws[i-1])]
		if isTitleWord(ws[i]) || isOrgWord(ws[i]) || titleTail[low] || connectors[low] || prevConnector ||
			strings.HasPrefix(low, "l'") || strings.HasPrefix(low, "d'") || strings.HasPrefix(low, "l’") || strings.HasPrefix(low, "d’") {
			continue
		}
		break
	}
	title := strings.Join(ws[:i], " ")
	rest := ws[i:]
	if len(rest) == 0 || !looksLikeName(rest) || len(rest) == 1 && (isCaps(strings.Join(ws, " ")) || i >= 2 && connectors[strings.ToLower(ws[i-2])]) {
		// "MINISTER FÜR JUSTIZ UND ISLAMISCHE ANGELEGENHEITEN": a title in
		// capitals does not end in a one-word name, nor "Embajador de Cuba
		// en Estados Unidos" in the second word of a place.
		return []field{{kind: kTitle, value: recase(strings.Join(ws, " "))}}
	}
	name, caps := normaliseName(strings.Join(rest, " "))
	f := field{kind: kName, value: name, caps: caps}
	if len(rest) == 1 {
		f.check = fmt.Sprintf("read %q as title %q and name %q; check where the title ends", strings.Join(ws, " "), title, name)
	}
	return []field{{kind: kTitle, value: recase(title)}, f}
}

// honorificFields reads what follows an honorific: a name, a title
// ("Monsieur le Ministre de la Justice"), or a name with a title.
func honorificFields(rest string, gender gender) []field {
	g := field{kind: kGender, gender: gender}
	if gender == conflicting {
		g = field{kind: kGender, check: "the honorifics in the source disagree on the gender"}
	}
	rest = strings.TrimSpace(rest)
	if rest == "" {
		return []field{g}
	}
	ws := strings.Fields(rest)
	article := strings.ToLower(ws[0])
	if (article == "le" || article == "la" || article == "the" || article == "der" || article == "die") && len(ws) > 1 {
		ws = ws[1:]
	}
	if orgOrTitle(ws) == kTitle && isTitleWord(ws[0]) {
		return append(titleFields(ws), g)
	}
	// "Marat Beketaev Minister of Justice": a name, then a title.
	for i := 1; i < len(ws); i++ {
		if isTitleWord(ws[i]) {
			name, caps := normaliseName(strings.Join(ws[:i], " "))
			return []field{{kind: kName, value: name, caps: caps}, {kind: kTitle, value: recase(strings.Join(ws[i:], " "))}, g}
		}
	}
	name, caps := normaliseName(rest)
	return []field{{kind: kName, value: name, caps: caps}, g}
}

// looksLikeName reports whether words could be a person's name: one to
// five words, each capitalised (particles aside), no digits, no title or
// organisation words.
func looksLikeName(ws []string) bool {
	if len(ws) == 0 || len(ws) > 8 {
		return false
	}
	particles := 0
	caps := 0
	for _, w := range ws {
		if strings.IndexFunc(w, unicode.IsDigit) >= 0 || isOrgWord(w) || isTitleWord(w) {
			return false
		}
		if startsUpper(w) || prefixedName(w) {
			caps++
		} else if !connectors[strings.ToLower(w)] {
			return false
		}
		if connectors[strings.ToLower(w)] {
			particles++
		}
	}
	// Five words, or more with particles: "Hamad bin 'Issa Al Khalifa".
	return caps > 0 && startsUpper(ws[0]) && len(ws)-particles <= 5
}

// prefixedName reports a surname with an article: "al-Sawi", "el-Baqer".
func prefixedName(w string) bool {
	for _, p := range []string{"al-", "el-", "ad-", "as-", "ash-", "an-", "at-", "az-"} {
		if strings.HasPrefix(w, p) && startsUpper(strings.TrimLeft(w[len(p):], "'‘’")) {
			return true
		}
	}
	return false
}

func startsUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// normaliseName recases a name written in capitals.
func normaliseName(s string) (string, bool) {
	s = strings.TrimSpace(strings.Trim(s, ",;.:"))
	s = postNominal.ReplaceAllString(s, "") // "Sajid Javid MP"
	if !isCaps(s) {
		return s, false
	}
	return titleCase(s), true
}

var postNominal = regexp.MustCompile(`(?:,?\s+(?:MP|MEP|MSP|QC|KC|OBE|CBE|KBE|MBE))+$`)

// recase writes a title or organisation given in capitals with capitals
// only where a title has them: "MINISTER OF JUSTICE" -> "Minister of Justice".
func recase(s string) string {
	s = strings.TrimSpace(strings.Trim(s, ",;"))
	if !isCaps(s) {
		return s
	}
	ws := strings.Fields(titleCase(s))
	for i, w := range ws {
		if i > 0 && connectors[strings.ToLower(w)] {
			ws[i] = strings.ToLower(w)
		}
	}
	return strings.Join(ws, " ")
}

// isPhoneNumber reports whether s is a telephone or fax number.
func isPhoneNumber(s string) bool {
	if !numberRe.MatchString(s) {
		return false
	}
	digits := 0
	for _, r := range s {
		if r >= '0' && r <= '9' {
			digits++
		}
	}
	return digits >= 7 && digits <= 16 && !isoDate.MatchString(s) && !dottedDate.MatchString(s)
}

// block is a recipient as read so far.
type block struct {
	role       string
	title      field
	name       field
	org        field
	careOf     field
	address    []field
	country    field
	fax, phone field
	number     field // unlabelled
	email      field
	salutation field
	gender     gender
	genderNote string
	note       string  // a doubt about the whole recipient
	fields     []field // everything placed, for line numbers
	phase      int     // 0 heading lines, 1 address, 2 contact lines
}

func (b *block) empty() bool { return len(b.fields) == 0 }

// header reports whether the block holds a name, title or organisation.
func (b *block) header() bool {
	return b.title.kind != kNone || b.name.kind != kNone || b.org.kind != kNone
}

// startsNew reports whether f, coming next, begins another recipient.
func (b *block) startsNew(f field) bool {
	if b.empty() {
		return false
	}
	switch f.kind {
	case kTitle:
		// "MINISTERPRÄSIDENT" / "Shaikh Khalifa …" / "Prime Minister": a
		// named official's title in a second language stays in the block.
		if b.phase == 0 && b.title.kind != kNone && b.name.kind != kNone && b.org.kind == kNone {
			return false
		}
		return b.phase > 0 || b.title.kind != kNone && fold(b.title.value) != fold(f.value)
	case kName:
		return b.phase > 0 || b.name.kind != kNone && fold(b.name.value) != fold(f.value)
	case kOrg:
		// "Office of His Majesty the King" / "P.O. Box 555" / "Rifa'a
		// Palace": a second organisation before any contact line is an
		// address line.
		return b.phase == 2 || b.phase == 1 && b.header() && b.org.kind == kNone
	case kNameOrAddr:
		// "Zhakip Assanov" after the last recipient's fax and salutation.
		return b.phase == 2 && b.header() && len(strings.Fields(f.value)) >= 2
	}
	return false
}

// secondTitle reports a title in a second language on the line after a
// block's only line, its title, with the name after it: "Presidente de la
// Magistratura" / "Head of the Judiciary, Ebrahim Raisi".
func (b *block) secondTitle(f field, rest []string) bool {
	if f.kind != kTitle || b.phase != 0 || b.title.kind == kNone || b.name.kind != kNone || b.org.kind != kNone || len(rest) == 0 {
		return false
	}
	return hasKind(classify(rest[0]), kName) || hasKind(classify(rest[0]), kNameOrAddr)
}

// add places f in the block; it returns false for what has no place.
func (b *block) add(f field) bool {
	set := func(dst *field) bool {
		if dst.kind != kNone && dst.shared && !f.shared {
			*dst = f
			b.fields = append(b.fields, f)
			return true
		}
		if dst.kind != kNone {
			if fold(dst.value) == fold(f.value) {
				b.fields = append(b.fields, f)
				return true // the same value twice
			}
			return false
		}
		*dst = f
		b.fields = append(b.fields, f)
		return true
	}
	switch f.kind {
	case kTitle:
		if b.title.kind != kNone && strings.HasPrefix(fold(f.value), fold(b.title.value)+" ") {
			// "Embajador" / "Embajador de Cuba en Estados Unidos": the longer.
			b.title = f
			b.fields = append(b.fields, f)
			return true
		}
		return set(&b.title)
	case kName:
		return set(&b.name)
	case kOrg:
		if b.org.kind != kNone && fold(b.org.value) != fold(f.value) {
			f.kind = kAddress
			return b.add(f)
		}
		return set(&b.org)
	case kCareOf:
		b.phase = max(b.phase, 1)
		return set(&b.careOf)
	case kNameOrAddr:
		if b.phase == 0 && b.name.kind == kNone && len(strings.Fields(f.value)) >= 2 {
			f.kind = kName
			return set(&b.name)
		}
		f.kind = kAddress
		f.value = f.raw
		if f.value == "" {
			return false
		}
		return b.add(f)
	case kAddress, kUnknown:
		if f.kind == kUnknown && (b.phase == 0 && !b.header() || b.phase == 2) {
			return false // not placed: listed at the end
		}
		if f.kind == kUnknown {
			f.check = "not clearly part of the address; check it"
		}
		f.kind = kAddress
		b.phase = max(b.phase, 1)
		b.address = append(b.address, f)
		b.fields = append(b.fields, f)
		return true
	case kCountry:
		b.phase = 2
		return set(&b.country)
	case kFax:
		b.phase = 2
		return set(&b.fax)
	case kPhone:
		b.phase = 2
		return set(&b.phone)
	case kNumber:
		b.phase = 2
		return set(&b.number)
	case kEmail, kEmailHidden:
		b.phase = 2
		return set(&b.email)
	case kSalutation:
		b.phase = 2
		return set(&b.salutation)
	case kGender:
		if f.check != "" {
			b.genderNote = f.check
		}
		b.gender = b.gender.merge(f.gender)
		b.fields = append(b.fields, f)
		return true
	}
	return false
}

// recipient is a finished block, ready for the case file.
type recipient struct {
	casefile.Recipient
	checks map[string]string // field -> doubt
	lines  []int
}

// finish turns a block into a recipient; ok is false when the block holds
// neither a name, title or organisation nor an address.
func (b *block) finish(lang string) (recipient, bool) {
	r := recipient{checks: map[string]string{}}
	if !b.header() && len(b.address) == 0 {
		return r, false
	}
	text := func(f field) casefile.Text {
		if f.kind == kNone || f.value == "" {
			return nil
		}
		return casefile.Text{lang: f.value}
	}
	r.Role = b.role
	r.Title = text(b.title)
	r.Name = text(b.name)
	r.Organisation = text(b.org)
	r.CareOf = text(b.careOf)
	for _, a := range b.address {
		v := strings.TrimSpace(strings.TrimRight(a.value, ",;"))
		if v != "" {
			if r.Address == nil {
				r.Address = casefile.Lines{}
			}
			r.Address[""] = append(r.Address[""], v)
		}
		if a.check != "" {
			r.checks["address"] = fmt.Sprintf("%q %s", v, a.check)
		}
	}
	r.Country = b.country.value
	r.Fax = b.fax.value
	r.Phone = b.phone.value
	r.Email = b.email.value
	if b.email.kind == kEmailHidden {
		r.checks["email"] = b.email.check
	}
	if b.number.kind != kNone {
		switch {
		case r.Phone == "":
			r.Phone = b.number.value
			r.checks["phone"] = "the source gives this number without saying whether it is a phone or a fax"
		case r.Fax == "":
			r.Fax = b.number.value
			r.checks["fax"] = "the source gives this number without saying whether it is a phone or a fax"
		}
	}
	if b.salutation.kind != kNone {
		r.Salutation = casefile.Text{lang: salutationText(b.salutation.value, lang)}
		if _, g, ok := stripHonorifics(salutationBody(b.salutation.value)); ok && g != conflicting {
			b.gender = b.gender.merge(g)
		}
	}
	switch b.gender {
	case male, female:
		r.Gender = b.gender.String()
	case conflicting:
		r.checks["gender"] = "the honorifics in the source disagree on the gender"
	}
	if b.genderNote != "" {
		r.checks["gender"] = b.genderNote
	}
	if b.name.caps && nameNeedsCheck(b.name.value) {
		r.checks["name"] = "the source writes the name in capitals; check the capitalisation"
	}
	if b.name.check != "" {
		r.checks["name"] = b.name.check
	}
	for _, f := range b.fields {
		r.lines = append(r.lines, f.line)
	}
	if b.note != "" {
		r.checks["recipient"] = b.note
	}
	if isEmbassy(b) && r.CareOf == nil {
		r.Role = casefile.RoleEmbassy
	}
	return r, true
}

func isEmbassy(b *block) bool {
	for _, f := range []field{b.org, b.title} {
		for _, w := range strings.Fields(strings.ToLower(f.value)) {
			if embassyWords[w] || w == "ambassador" || w == "ambassadeur" || w == "ambassadrice" || w == "embajador" || w == "embajadora" || strings.HasPrefix(w, "botschafter") {
				return true
			}
		}
	}
	return false
}

// nameNeedsCheck reports whether recasing a name from capitals may have
// gone wrong: Mc and Mac, particles, apostrophes.
func nameNeedsCheck(name string) bool {
	for _, w := range strings.Fields(name) {
		low := strings.ToLower(w)
		if strings.HasPrefix(low, "mc") || strings.HasPrefix(low, "mac") || strings.ContainsAny(low, "'’") || connectors[low] {
			return true
		}
	}
	return false
}

// salutationBody is the salutation without "Dear"/"Sehr geehrter".
func salutationBody(s string) string {
	low := strings.ToLower(s)
	for _, p := range []string{"dear ", "sehr geehrter ", "sehr geehrte ", "estimado ", "estimada "} {
		if strings.HasPrefix(low, p) {
			return s[len(p):]
		}
	}
	return s
}

// salutationText writes a salutation as a letter prints it: with the
// comma English, French and German letters put after it.
func salutationText(s, lang string) string {
	s = strings.TrimSpace(plainQuotes(s))
	s = strings.TrimRight(s, " .;:")
	if s == "" {
		return s
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	if unicode.IsLetter(r) || unicode.IsDigit(r) || r == ')' {
		s += ","
	}
	return s
}
