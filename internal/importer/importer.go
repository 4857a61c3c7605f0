// Package importer reads the text of an Urgent Action (an e-mail, a web
// page, a PDF run through pdftotext) and writes a draft case file for a
// person to check: the reference, title, prisoners, deadline, letter
// languages, action points and recipients it recognises, each value it
// is unsure of marked with a "# check:" comment, and every line of the
// recipient lists it could not place listed at the end.
//
// It never invents data: what the text does not say stays empty or absent.
package importer

import (
	"appeal/internal/input"
	"fmt"
	"regexp"
	"strings"
	"unicode"

	"appeal/internal/casefile"
	"appeal/internal/output"
)

// Options tune Import.
type Options struct {
	Name string // the source's file name, for the header comment; "" for standard input
}

// Result is a draft case file and what it holds.
type Result struct {
	YAML       []byte
	Lang       string   // the language of the source's texts: en, fr or de
	Languages  []string // the case's letter languages
	Prisoners  int
	Demands    int
	Recipients int
	Checks     int // "# check:" comments written
	Unplaced   int // source lines listed as not placed
}

// How a source line was used.
type use int

const (
	unused    use = iota
	used          // a value of the case file
	boiler        // recognised and not needed: headings, instructions
	prose         // background text not imported
	letterUse     // the sample letter's text
	unplaced      // listed at the end
)

// region is the part of the text a line is in.
type region int

const (
	rHeader region = iota
	rProse
	rActions
	rRecipients
	rLetter
	rLetterEnd
	rAfter
)

// demand is an action point as read.
type demand struct {
	text string
	line int
}

type importer struct {
	lines []line
	lang  string
	uses  map[int]use

	title     string
	titleCaps bool

	facts     []string
	factsDone bool
	factsLen  int // bytes in facts, joined

	demands       []demand
	letterDemands []demand
	letterText    []string
	letterSal     string
	letterSalLine int

	blocks []*block
	cur    *block
	role   string

	notPlaced    []notPlaced
	footerNames  []string
	subjects     []string // names on a model letter's subject line
	footerGender string
	headerCC     string
	sourceURL    string
	mailtos      []notPlaced
}

type notPlaced struct {
	n    int
	text string
}

// Import reads an Urgent Action's text and returns a draft case file. It
// fails only when the text holds nothing of an Urgent Action.
func Import(text string, opts Options) (*Result, error) {
	im := &importer{lines: splitLines(text), uses: map[int]use{}}
	im.lang = detectLanguage(text)
	im.scan()
	im.proseRecipient()
	c := im.build()
	if c.empty() {
		name := opts.Name
		if name == "" {
			name = "<stdin>"
		}
		return nil, input.Problems{{File: name, Msg: "found no reference, prisoner, action point or recipient: is this the text of an Urgent Action?"}}
	}
	y, checks, err := c.yaml(opts.Name)
	if err != nil {
		return nil, err
	}
	return &Result{
		YAML: y, Lang: im.lang, Languages: c.languages,
		Prisoners: len(c.prisoners), Demands: len(c.demands), Recipients: len(c.recipients),
		Checks: checks, Unplaced: len(c.notPlaced),
	}, nil
}

// Markers that change region.
var (
	toVerb         = regexp.MustCompile(`(?i)(?:^|\PL)(?:send|write|writing|contact|address|envoyez|écrivez|ecrivez|écrire|ecrire|adressez|schreiben|richten|senden|schicken|appeals|appels|appelle)(?:$|\PL)`)
	toTarget       = regexp.MustCompile(`(?i)(?:^|\PL)(?:to|à|aux|an|officials?|authorities|addresses|adresses|adressen|destinataires|following|suivants?|suivantes?|folgenden?|stellen)(?:$|\PL)`)
	notToLead      = regexp.MustCompile(`(?i)\b(?:urg|calling|asking|demand|language|langue|sprache)`)
	spanishTo      = regexp.MustCompile(`(?i)^(?:env[ií]a|env[ií]en?|escrib[ae]n?|mand[ae]n?)\s[^:]*\s(?:a|al|a la|a las|a los)\s*:\s*(.*)$`)
	toHeading      = regexp.MustCompile(`(?i)^(?:addresses|adresses|adressen|appell an|appelle an|appeals to|appels à|write to|écrire à|ecrire a|à qui écrire \?|destinataires?|empfänger|anschriften|skriv till|contact information|contact details)\s*(?::\s*(.*))?$`)
	embassyMarker  = regexp.MustCompile(`(?i)^(?:also\s+|please\s+|and\s+)*(?:send\s+)?(?:a\s+)?(?:copies|copy|copie|kopien?)\s+(?:of\s+(?:your\s+)?(?:appeals|letters)\s+)?(?:to|à|aux|an)\s+(?:the\s+|l'|la\s+|les\s+|die\s+|den\s+)?(?:diplomatic|embass|représentation|representation|ambassade|botschaft|diplomatische|vertretung)[^.:]*(?:[.:]\s*(.*))?$`)
	embassyTo      = regexp.MustCompile(`(?i)^(?:and\s+)?(?:also\s+)?to\s+(?:the\s+)?(?:diplomatic representatives?|embass(?:y|ies))[^.:]*(?:[.:]\s*(.*))?$`)
	copyMarker     = regexp.MustCompile(`(?i)^(?:and\s+|also\s+|please\s+)*(?:send\s+)?(?:a\s+)?(?:copies|copy|copie|kopien?|cc)\b(?:\s+(?:of\s+(?:your\s+)?(?:appeals|letters)|de\s+vos\s+(?:appels|lettres)|pour\s+information|zur\s+kenntnis))?(?:\s+(?:to|à|aux|an))?\s*(?:[:.]\s*(.*)|$)`)
	germanCopy     = regexp.MustCompile(`(?i)^(?:bitte\s+)?senden?(?:\s+sie)?(?:\s+bitte)?\s+(?:eine\s+)?kopien?(?:\s+ihres\s+schreibens)?\s+an\b\s*:?\s*(.*)$`)
	endMarker      = regexp.MustCompile(`(?i)^(?:please check with|check with|please send appeals immediately|veuillez vérifier|bitte (?:fragen|erkundigen|prüfen)|additional information|informations? complémentaires?|complément d'information|hintergrund(?:informationen)?\b|background\b|further information|this is the .* update|please insert local diplomatic|name\s+address 1|please let us know|let us know|share this|pour en savoir plus|weitere informationen|more information)`)
	actionLeadIn   = regexp.MustCompile(`(?i)^(?:recommended action|please write|write immediately|please send (?:a )?(?:letters?|appeals?|emails?|faxes)\b|take action|what you can do|what to do|écrivez|ecrivez|agissez|schreiben sie|bitte schreiben|was sie tun können|handeln sie)`)
	letterHeading  = regexp.MustCompile(`(?i)^(?:sample letter|model letter|letter template|suggested message|modèle de lettre|lettre type|lettre-type|proposition de lettre|musterbrief|briefvorschlag|beispielbrief|briefentwurf|carta modelo|modelo de carta)\b`)
	closingRe      = regexp.MustCompile(`(?i)^(?:yours sincerely|yours faithfully|sincerely|respectfully|kind regards|best regards|with respect|je vous prie d|veuillez agréer|veuillez recevoir|recevez|avec mes salutations|mit freundlichen grüßen|mit freundlichen gruessen|hochachtungsvoll|mit vorzüglicher hochachtung)`)
	footerName     = regexp.MustCompile(`(?i)^(?:names?|nom|noms)\s*:\s*(.+)$`)
	footerGender   = regexp.MustCompile(`(?i)^(?:gender(?:\s*m/f)?|sexe(?:\s*m/f)?|geschlecht)\s*:\s*(.+)$`)
	headerLine     = regexp.MustCompile(`(?i)\bindex\s*:|\bdate\s*:|\bissue date\b|^(?:UA|AU)\b`)
	urlRe          = regexp.MustCompile(`https?://[^\s<>"]+`)
	instructionRe  = regexp.MustCompile(`(?i)^(?:write|click|share|contact|call|tweet|send|let us know|use|sign|print|post|e-?mail|fax|écrivez|envoyez|partagez|schreiben|senden|teilen)\b`)
	pageNumber     = regexp.MustCompile(`(?i)^(?:page\s+)?\d{1,3}(?:\s*(?:/|of|sur|von)\s*\d{1,3})?$`)
	mailHeader     = regexp.MustCompile(`(?i)^(?:from|sent|to|cc|date|subject|de|envoyé|à|objet|von|gesendet|an|betreff)\s*:|^-{3,}.*-{3,}$|^(?:fwd?|tr|wg)\s*:`)
	boilerplateSet = words(`urgent-action urgent-actions action-urgente actions-urgentes eilaktion eilaktionen amnesty-international home menu skip-to-content search donate get-involved accueil rechercher faire-un-don spenden suche start print imprimer drucken`)
)

// isBoilerplate reports lines that carry nothing for the case file.
func (im *importer) isBoilerplate(t string) bool {
	key := strings.ReplaceAll(fold(strings.Trim(t, ".:!- ")), " ", "-")
	if boilerplateSet[key] || pageNumber.MatchString(t) {
		return true
	}
	if strings.HasPrefix(key, "amnesty-international") && len(strings.Fields(t)) <= 8 && !endsSentence(t) {
		return true // "Amnesty International USA", "Amnesty International – Gruppe 1234"
	}
	if strings.Contains(t, "©") && len(strings.Fields(t)) <= 20 {
		return true // an image's caption and credit
	}
	if im.title != "" && fold(t) == fold(im.title) {
		return true // the title again, as a page header
	}
	return urlRe.MatchString(t) && strings.TrimSpace(urlRe.ReplaceAllString(t, "")) == ""
}

// contactLabel is a label of a recipient's contact line.
var contactLabel = regexp.MustCompile(`(?i)^(?:e-?mail(?:\s*\([^)]{0,30}\))?|факс|телефон|courriel|correo(?:-e| electrónico)?|fax|phone|telephone|tel|tél|teléfono|telefon|salutation|formule d'appel|anrede|\(korrekte anrede|saludo|encabezado)\.?\s*:`)

var careOfLine = regexp.MustCompile(`(?i)^c/o\b|[,\pL]\s*c/o\b`)

// opensBlock reports whether line i begins a recipient's block that no
// heading announces: an honorific, a title or a name, on a short line,
// followed within a few lines (or on the same line) by a contact line, or
// by address lines and a letter's salutation.
func (im *importer) opensBlock(i int) bool {
	l := im.lines[i]
	t := l.text
	if l.bullet || isProseLine(t) || salutationRe.MatchString(t) || contactLabel.MatchString(t) {
		return false
	}
	first := t
	if loc := labelPattern.FindStringIndex(t); loc != nil {
		first = t[:loc[0]]
	} else if len(t) > 100 && !careOfLine.MatchString(t) {
		return false
	}
	segs := segments(straightQuotes(first))
	if len(segs) == 0 {
		return false
	}
	fs := classify(segs[0])
	if len(fs) == 0 {
		return false
	}
	switch fs[0].kind {
	case kName, kTitle, kGender:
	case kNameOrAddr:
		// "Daniel Ortega Saavedra, Presidente de Nicaragua, c/o …"
		// or "Greg Abbott" / "Governor of Texas"; not "Contact Information:"
		if strings.HasSuffix(t, ":") {
			return false
		}
		next := segs[1:]
		if len(next) == 0 {
			next = segments(straightQuotes(im.nextText(i)))
		}
		if len(next) == 0 || !hasKind(classify(next[0]), kTitle) {
			return false
		}
	default:
		return false
	}
	if first != t {
		return true
	}
	routed := careOfLine.MatchString(t) // an address line: c/o, a country
	for j, seen := i+1, 0; j < len(im.lines) && seen < 8; j++ {
		n := im.lines[j].text
		if n == "" {
			continue
		}
		seen++
		if contactLabel.MatchString(n) {
			return true
		}
		if im.isLetterSalutation(j) {
			// A model letter under its one address.
			return routed || hasKind(fs, kGender)
		}
		routed = routed || careOfLine.MatchString(n) || countryIn(n) != ""
		if isProseLine(n) || len(n) > 160 {
			return false
		}
	}
	return false
}

func hasKind(fs []field, k kind) bool {
	for _, f := range fs {
		if f.kind == k {
			return true
		}
	}
	return false
}

// roleMarker recognises the lines that open a list of recipients, and
// returns what follows the marker on the same line.
func roleMarker(t string) (role, rest string, ok bool) {
	if m := embassyMarker.FindStringSubmatch(t); m != nil {
		return casefile.RoleEmbassy, strings.TrimSpace(m[1]), true
	}
	if m := embassyTo.FindStringSubmatch(t); m != nil {
		return casefile.RoleEmbassy, strings.TrimSpace(m[1]), true
	}
	if m := germanCopy.FindStringSubmatch(t); m != nil {
		return casefile.RoleCopy, strings.TrimSpace(m[1]), true
	}
	if m := copyMarker.FindStringSubmatch(t); m != nil {
		return casefile.RoleCopy, strings.TrimSpace(m[1]), true
	}
	if m := spanishTo.FindStringSubmatch(t); m != nil {
		return casefile.RoleTo, strings.TrimSpace(m[1]), true
	}
	if m := toHeading.FindStringSubmatch(t); m != nil {
		return casefile.RoleTo, strings.TrimSpace(m[1]), true
	}
	// "PLEASE SEND APPEALS BEFORE 14 MARCH 2017 TO:", "Contact these two
	// officials by September 28, 2021:", "ENVOYEZ VOS APPELS AVANT LE : 22
	// décembre 2023 À :"
	for p := 0; p < len(t) && p < 200; p++ {
		if t[p] != ':' {
			continue
		}
		lead := t[:p]
		if toVerb.MatchString(lead) && toTarget.MatchString(lead) && !notToLead.MatchString(lead) {
			return casefile.RoleTo, strings.TrimSpace(t[p+1:]), true
		}
	}
	return "", "", false
}

// headerLine reads a line before the first paragraph: the reference and
// index line, the title. It returns false at the first paragraph.
func (im *importer) headerLine(i int) bool {
	l := im.lines[i]
	t := l.text
	if mailHeader.MatchString(t) && !headerLine.MatchString(t) {
		im.uses[l.n] = boiler // a forwarded e-mail's header
		return true
	}
	if headerLine.MatchString(t) || len(findReferences(t)) > 0 && len(strings.Fields(t)) <= 12 {
		im.uses[l.n] = used
		if im.headerCC == "" {
			im.headerCC = countryIn(t)
		}
		// "UA 65.20: Journalist detained": the rest may be the title.
		rest := referencePattern.ReplaceAllString(t, "")
		rest = dayMonthYear.ReplaceAllString(rest, "")
		if rest = strings.TrimSpace(strings.Trim(rest, ":–-— ")); im.title == "" && rest != "" && !headerLine.MatchString(rest) && len(strings.Fields(rest)) >= 2 && countryIn(rest) == "" {
			im.setTitle(rest)
		}
		return true
	}
	if code, ok := countryCode(t); ok {
		im.uses[l.n] = used
		if im.headerCC == "" {
			im.headerCC = code
		}
		return true
	}
	if im.title != "" {
		return false
	}
	if len(t) > 150 || endsSentence(t) && !isCaps(t) || startsLower(t) {
		return false
	}
	title := t
	im.uses[l.n] = used
	if isCaps(t) {
		// A title in capitals may run over two or three lines.
		for j := i + 1; j < len(im.lines) && j <= i+3; j++ {
			next := im.lines[j]
			if next.text == "" || !isCaps(next.text) || len(next.text) > 100 || headerLine.MatchString(next.text) {
				break
			}
			title += " " + next.text
			im.uses[next.n] = used
			im.lines[j].text = ""
		}
	}
	im.setTitle(title)
	return true
}

var titlePrefix = regexp.MustCompile(`(?i)^(?:urgent action|action urgente|eilaktion|ua|au)\s*[:–—-]\s*`)

func (im *importer) setTitle(t string) {
	t = strings.TrimSpace(titlePrefix.ReplaceAllString(t, ""))
	if isCaps(t) {
		im.titleCaps = true
	}
	im.title = t
}

// countryIn finds a country's name among the words of a header line.
func countryIn(t string) string {
	ws := strings.Fields(strings.NewReplacer(":", " ", ",", " ").Replace(t))
	for n := 3; n >= 1; n-- {
		for i := 0; i+n <= len(ws); i++ {
			if code, ok := countryCode(strings.Join(ws[i:i+n], " ")); ok {
				return code
			}
		}
	}
	return ""
}

// isHeading reports a short line in capitals: "ADDITIONAL INFORMATION".
func isHeading(t string) bool {
	return isCaps(t) && len(t) <= 80 && !endsSentence(t)
}

// isProseLine reports a line of running text: many words, a full stop,
// no digits of an address.
func isProseLine(t string) bool {
	ws := strings.Fields(t)
	if len(ws) < 14 || !strings.HasSuffix(strings.TrimRight(t, `"'’”)`), ".") {
		return false
	}
	lower := 0
	for _, w := range ws {
		if startsLower(w) {
			lower++
		}
	}
	return lower*2 > len(ws)
}

// letterOpening is a letter's opening that, out of a letter, may begin an
// address: "Señor Raisi:", "Уважаемый Геннадий Александрович!".
var letterOpening = regexp.MustCompile(`(?i)^(?:señor|señora|уважаем\p{L}*)\s`)

// isLetterSalutation reports whether line i opens a sample letter:
// "Dear Minister," followed by running text.
func (im *importer) isLetterSalutation(i int) bool {
	t := im.lines[i].text
	closed := strings.HasSuffix(t, ",") || strings.HasSuffix(t, "!") || strings.HasSuffix(t, ":") || strings.HasPrefix(strings.ToLower(t), "dear ")
	if !(salutationRe.MatchString(t) || letterOpening.MatchString(t)) || len(t) > 80 || !closed {
		return false
	}
	for j := i + 1; j < len(im.lines); j++ {
		if n := im.lines[j].text; n != "" {
			return len(strings.Fields(n)) >= 8 && !strings.Contains(n, "@")
		}
	}
	return false
}

// maxFacts ends the first paragraph at a sentence's end after this many
// bytes, for texts whose paragraphs cannot be told apart.
const maxFacts = 1500

func (im *importer) addFacts(l line) {
	im.facts = append(im.facts, l.text)
	im.uses[l.n] = used
	im.factsLen += len(l.text) + 1
	if endsSentence(l.text) && (l.bullet || im.factsLen > maxFacts) || im.factsLen > 4*maxFacts {
		im.factsDone = true
	}
}

func (im *importer) endFacts() {
	if len(im.facts) > 0 {
		im.factsDone = true
	}
}

// actionLine reads a line of the action list; false ends the list.
func (im *importer) actionLine(l line) bool {
	t := l.text
	if l.bullet {
		if instructionRe.MatchString(t) && !demandLead.MatchString(t) {
			im.uses[l.n] = boiler // "Write a letter ...", "Click here ..."
			return true
		}
		im.demands = appendItem(im.demands, l, true)
		im.uses[l.n] = used
		return true
	}
	if len(im.demands) == 0 {
		if demandLead.MatchString(t) {
			im.demands = appendItem(im.demands, l, true)
			im.uses[l.n] = used
			return true
		}
		if strings.HasSuffix(t, ":") || len(t) < 120 && writeInCue.MatchString(t) {
			im.uses[l.n] = boiler // the lead-in, over two lines
			return true
		}
		return false
	}
	last := im.demands[len(im.demands)-1].text
	if !endsSentence(last) || startsLower(t) {
		im.demands = appendItem(im.demands, l, false)
		im.uses[l.n] = used
		return true
	}
	return false
}

// appendItem starts a list item, or continues the last one.
func appendItem(items []demand, l line, start bool) []demand {
	if start || len(items) == 0 {
		return append(items, demand{text: l.text, line: l.n})
	}
	last := &items[len(items)-1]
	if len(last.text) < maxItem {
		last.text = joinWrapped(last.text, l.text)
	}
	return items
}

// joinAllWrapped joins the lines of one paragraph as joinWrapped does, in
// time linear in their length.
func joinAllWrapped(lines []string) string {
	var b []byte
	for i, l := range lines {
		switch {
		case i == 0:
		case len(b) > 0 && b[len(b)-1] == '-' && startsLower(l) && !(len(b) > 1 && b[len(b)-2] == ' '):
			b = b[:len(b)-1]
		default:
			b = append(b, ' ')
		}
		b = append(b, l...)
	}
	return string(b)
}

// maxItem is the longest a demand grows by joining lines: an action point
// is a sentence or two; past this, lines are not taken into it.
const maxItem = 4000

// joinWrapped joins two lines of one paragraph, undoing a hyphenation.
func joinWrapped(a, b string) string {
	if strings.HasSuffix(a, "-") && startsLower(b) && !strings.HasSuffix(a, " -") {
		return a[:len(a)-1] + b
	}
	return a + " " + b
}

// recipientText reads recipient lines from line i, starting with text t
// (the line, or what follows a marker on it), joining the next lines
// while a field runs on ("Embassy of" / "the Republic of Kazakhstan").
// It returns the index of the last line used.
func (im *importer) recipientText(i int, t string) int {
	n := im.lines[i].n
	lineNos := []int{n}
	// At most a paragraph: a run-on line joins no more than maxJoin lines.
	const maxJoin = 12
	last := t
	for k := 0; k < maxJoin; k++ {
		j := i + 1
		for j < len(im.lines) && im.lines[j].text == "" {
			j++
		}
		if j >= len(im.lines) {
			break
		}
		next := im.lines[j].text
		if !runsOn(last) && !continuesField(next) {
			break
		}
		if _, _, ok := roleMarker(next); ok || endMarker.MatchString(next) || letterHeading.MatchString(next) ||
			isHeading(next) && !continuesField(next) || salutationRe.MatchString(next) || letterOpening.MatchString(next) || labelPattern.MatchString(next) && strings.Index(next, ":") < 20 {
			break
		}
		t = joinWrapped(t, next)
		last = next
		lineNos = append(lineNos, im.lines[j].n)
		i = j
	}
	placedAny, failed := false, []string{}
	segs := segments(straightQuotes(t))
	for k, seg := range segs {
		fs := classify(seg)
		if (im.cur == nil || im.cur.phase == 2) && capsHeading(seg, fs, im.nextText(i)) {
			// "RELIGIONSFÜHRER", "OBERSTE JUSTIZAUTORITÄT": a block's first
			// line in capitals is the official's title.
			fs = []field{{kind: kTitle, value: trimField(seg)}}
		}
		for k := range fs {
			fs[k].line, fs[k].raw = n, trimField(plainQuotes(seg))
		}
		if len(fs) == 0 {
			continue
		}
		if im.cur == nil || im.cur.startsNew(fs[0]) && !(k == 0 && im.cur.secondTitle(fs[0], segs[1:])) {
			im.flush()
			im.cur = &block{role: im.role}
		}
		ok := true
		for _, f := range fs {
			if !im.cur.add(f) {
				ok = false
			}
		}
		if ok {
			placedAny = true
		} else {
			failed = append(failed, trimField(seg))
		}
	}
	for _, ln := range lineNos {
		im.uses[ln] = used
	}
	for _, f := range failed {
		im.notPlaced = append(im.notPlaced, notPlaced{n, f})
	}
	if !placedAny && len(failed) > 0 {
		for _, ln := range lineNos {
			im.uses[ln] = unplaced
		}
	}
	return i
}

// continuesField reports a line that carries on the line before it: it
// starts with a word in lower case, or is in capitals and starts with
// "of", "der", "de", and holds no digit or e-mail address ("Prime
// Minister" / "of the Islamic Republic of Pakistan").
func continuesField(t string) bool {
	ws := strings.Fields(t)
	capsConnector := len(ws) > 0 && isCaps(t) && connectors[strings.ToLower(ws[0])] // "DER VEREINIGTEN MEXIKANISCHEN STAATEN"
	if len(ws) < 2 || !startsLower(t) && !capsConnector || strings.ContainsAny(t, "@0123456789") || strings.Contains(t, "(a)") || careOfLine.MatchString(t) {
		return false
	}
	return strings.IndexFunc(ws[0], func(r rune) bool { return !unicode.IsLetter(r) }) < 0
}

// capsHeading reports a segment in capitals, of a few words and no
// digits, that reads as neither a title, a name, a country nor a contact.
func capsHeading(seg string, fs []field, next string) bool {
	seg = trimField(seg)
	if !isCaps(seg) || len(strings.Fields(seg)) > 8 || strings.ContainsFunc(seg, unicode.IsDigit) {
		return false
	}
	if len(fs) == 2 && fs[0].kind == kTitle && fs[1].kind == kName {
		// "GENERALSTAATSANWALT DER VEREINIGTEN MEXIKANISCHEN STAATEN" /
		// "Jesús Murillo Karam": the name is on the next line.
		return nameLine(next)
	}
	if len(fs) != 1 {
		return false
	}
	switch fs[0].kind {
	case kAddress, kUnknown:
		return true
	case kNameOrAddr:
		// Two words in capitals may be a name: a title only when a name
		// follows ("OBERSTE JUSTIZAUTORITÄT" / "Ayatollah Sadegh Larijani").
		return nameLine(next)
	}
	return false
}

// nameLine reports a line that starts with a name or an honorific.
func nameLine(t string) bool {
	nf := classify(t)
	return len(nf) > 0 && (nf[0].kind == kName || nf[0].kind == kGender || nf[0].kind == kNameOrAddr && !isCaps(t))
}

// nextText is the first non-empty line after line i.
func (im *importer) nextText(i int) string {
	for j := i + 1; j < len(im.lines); j++ {
		if t := im.lines[j].text; t != "" {
			return t
		}
	}
	return ""
}

// runsOn reports whether a recipient line breaks off inside a field, or
// inside a paragraph that runs fields together ("Minister of Justice Mr X,
// Ministry of Justice, Private Bag 333," / "Lilongwe 3, Malawi;").
func runsOn(t string) bool {
	t = strings.TrimSpace(t)
	if strings.HasSuffix(t, ",") || strings.HasSuffix(t, "-") && !strings.HasSuffix(t, " -") {
		return true
	}
	if strings.Count(t, ", ")+strings.Count(t, "; ") >= 2 && !endsSentence(t) {
		segs := segments(t)
		fs := classify(segs[len(segs)-1])
		if len(fs) == 0 {
			return false
		}
		switch fs[0].kind {
		case kEmail, kEmailHidden, kNumber, kCountry, kFax, kPhone, kSalutation, kOther:
			return false // the line ends with a whole field
		}
		return true
	}
	ws := strings.Fields(t)
	if len(ws) == 0 {
		return false
	}
	last := strings.ToLower(ws[len(ws)-1])
	return len(ws) > 1 && (last == "of" || last == "the" || last == "and" || last == "for" || last == "de" || last == "du" || last == "des" || last == "la" || last == "et" || last == "der" || last == "für" || last == "und" || last == "&")
}

// straightQuotes writes curly quotes as straight ones.
func straightQuotes(s string) string {
	return straightReplacer.Replace(s)
}

var straightReplacer = strings.NewReplacer("‘", "'", "’", "'", "“", `"`, "”", `"`, "„", `"`)

// flush ends the recipient being read.
func (im *importer) flush() {
	if im.cur != nil && !im.cur.empty() {
		im.blocks = append(im.blocks, im.cur)
	}
	im.cur = nil
}

// splitNames splits "Maks Bokaev and Talgat Ayan" or "A, B, C".
// "Chikondi Mwale, trade unionist; Tiyamike Phiri, teacher" gives the
// names only.
func splitNames(s string) []string {
	var parts []string
	if strings.Contains(s, ";") {
		for _, p := range strings.Split(s, ";") {
			p, _, _ = strings.Cut(p, ",")
			parts = append(parts, p)
		}
	} else {
		s = andWord.ReplaceAllString(s, ",")
		parts = strings.Split(s, ",")
	}
	var out []string
	for _, p := range parts {
		if p = strings.TrimSpace(plainQuotes(andWord.ReplaceAllString(" "+p, ""))); p != "" {
			out = append(out, p)
		}
	}
	return out
}

var andWord = regexp.MustCompile(`(?i)^\s+(?:and|et|und|&)\s+|\s+(?:and|et|und|&)\s+`)

// slugID makes a recipient id from its title, organisation or name,
// unique among those taken: prosecutor-general, prosecutor-general-2.
func slugID(r recipient, lang string, taken map[string]int) string {
	base := ""
	if r.Role == casefile.RoleEmbassy {
		base = "embassy"
		if r.Country != "" {
			base += "-" + strings.ToLower(r.Country)
		}
	} else {
		for _, t := range []casefile.Text{r.Title, r.Organisation, r.Name} {
			if s := t[lang]; s != "" {
				base = output.Slug(s, "")
				break
			}
		}
	}
	if base == "" {
		base = "recipient"
	}
	id := base
	for taken[id] > 0 {
		taken[base]++
		id = fmt.Sprintf("%s-%d", base, taken[base])
	}
	taken[id] = 1
	return id
}
