package importer

import (
	"appeal/internal/script"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"appeal/internal/casefile"
	"appeal/internal/country"
)

// draft is the case file to write, with the doubts about its values.
type draft struct {
	lang string
	url  string

	reference, referenceCheck string
	title, titleCheck         string
	country                   string
	deadline                  deadline
	languages                 []string
	languagesCheck            string
	prisoners                 []prisoner
	prisonersCheck            string
	facts                     string
	demands                   []string
	demandsCheck              string
	recipients                []recipient
	notPlaced                 []notPlaced
	notImported               string
}

type prisoner struct {
	name, check string
	gender      gender
}

func (d *draft) empty() bool {
	return d.reference == "" && len(d.prisoners) == 0 && len(d.demands) == 0 && len(d.recipients) == 0
}

// build turns what scan read into a draft.
func (im *importer) build() *draft {
	d := &draft{lang: im.lang, url: im.sourceURL}
	all := make([]string, 0, len(im.lines))
	for _, l := range im.lines {
		all = append(all, l.text)
	}
	text := strings.Join(all, "\n")

	refs := findReferences(text)
	if len(refs) > 0 {
		d.reference = refs[0]
		if len(refs) > 1 {
			d.referenceCheck = "the source also names " + strings.Join(refs[1:], ", ") + "; keep the reference of this action"
		}
	}

	body := im.proseText()
	if im.title != "" {
		d.title = im.title
		if im.titleCaps {
			d.title = sentenceCase(im.title, body)
			d.titleCheck = "the source writes the title in capitals; check the capitalisation"
		}
	}

	d.deadline = findDeadline(im.lines, im.lang)
	if d.deadline.line > 0 && im.uses[d.deadline.line] != unplaced {
		im.uses[d.deadline.line] = used
	}

	if tags, at := findLanguages(im.lines); len(tags) > 0 {
		d.languages = tags
		if im.uses[at] != unplaced {
			im.uses[at] = used
		}
		if text := im.lineText(at); ownLanguage.MatchString(text) {
			// A case lists the languages letters can be written in; "or
			// your own language" is kept where a person reads it.
			d.languagesCheck = fmt.Sprintf("the source also asks for letters in the writer's own language (line %d); appeal writes in the languages listed here", at)
		}
	} else {
		d.languages = []string{im.lang}
		d.languagesCheck = "the source names no languages to write in; this is the language of its text"
	}

	d.prisoners, d.prisonersCheck = im.prisoners(body)
	for i := range d.prisoners {
		if !d.prisoners[i].gender.known() && slices.Contains(d.languages, "ru") {
			d.prisoners[i].check = "the source states no gender; write male or female if you know it (Russian letters agree with it)"
		}
	}

	if len(im.facts) > 0 {
		d.facts = wrap(joinAllWrapped(im.facts), 76)
	}

	d.demands, d.demandsCheck = im.buildDemands()
	d.recipients = im.buildRecipients()
	d.country = caseCountry(d.recipients, im.headerCC)

	// Nothing is dropped silently: every line with text has a use.
	placedEmails := map[string]bool{}
	for _, r := range d.recipients {
		placedEmails[strings.ToLower(r.Email)] = true
	}
	for _, m := range im.mailtos {
		addr := strings.ToLower(strings.TrimPrefix(strings.ToLower(m.text), "mailto:"))
		if placedEmails[strings.TrimSpace(addr)] {
			im.uses[m.n] = boiler
		} else {
			im.notPlaced = append(im.notPlaced, m)
			im.uses[m.n] = unplaced
		}
	}
	for _, l := range im.lines {
		if l.text != "" && im.uses[l.n] == unused {
			im.notPlaced = append(im.notPlaced, notPlaced{l.n, l.raw})
			im.uses[l.n] = unplaced
		}
	}
	sort.SliceStable(im.notPlaced, func(i, j int) bool { return im.notPlaced[i].n < im.notPlaced[j].n })
	d.notPlaced = im.notPlaced

	var background, letter []int
	for _, l := range im.lines {
		switch im.uses[l.n] {
		case prose:
			background = append(background, l.n)
		case letterUse:
			letter = append(letter, l.n)
		}
	}
	var parts []string
	if len(background) > 0 {
		parts = append(parts, "the background text ("+im.ranges(background)+")")
	}
	if len(letter) > 0 {
		parts = append(parts, "the sample letter ("+im.ranges(letter)+")")
	}
	d.notImported = strings.Join(parts, " and ")
	return d
}

// proseText is the running text of the source: paragraphs, action points
// and sample letter, without the recipients; for finding names.
func (im *importer) proseText() string {
	var b strings.Builder
	for _, l := range im.lines {
		switch im.uses[l.n] {
		case prose, letterUse:
		case used:
			if !slices.Contains(im.facts, l.text) {
				continue
			}
		default:
			continue
		}
		b.WriteString(l.text)
		b.WriteByte('\n')
	}
	for _, d := range append(im.demands, im.letterDemands...) {
		b.WriteString(d.text)
		b.WriteByte('\n')
	}
	return strings.ReplaceAll(b.String(), "-\n", "-")
}

// sentenceCase writes a title given in capitals in sentence case, keeping
// capitals on the words the body writes with one (names, places).
func sentenceCase(title, body string) string {
	proper := map[string]bool{}
	for _, ln := range strings.Split(body, "\n") {
		ws := strings.Fields(ln)
		for i, w := range ws {
			w = strings.Trim(w, `.,;:!?()"“”‘’'`)
			if i == 0 || w == "" || !startsUpper(w) || isCaps(w) {
				continue
			}
			prev := ws[i-1]
			if strings.HasSuffix(prev, ".") || strings.HasSuffix(prev, ":") {
				continue
			}
			proper[strings.ToLower(w)] = true
		}
	}
	ws := strings.Fields(strings.ToLower(title))
	for i, w := range ws {
		core := strings.Trim(w, `.,;:!?()"“”‘’'`)
		base := strings.TrimSuffix(strings.TrimSuffix(core, "’s"), "'s")
		if i == 0 || proper[core] || proper[base] {
			r, size := utf8.DecodeRuneInString(w)
			if !unicode.IsLetter(r) && len(w) > size {
				r2, size2 := utf8.DecodeRuneInString(w[size:])
				ws[i] = w[:size] + string(unicode.ToTitle(r2)) + w[size+size2:]
				continue
			}
			ws[i] = string(unicode.ToTitle(r)) + w[size:]
		}
	}
	return strings.Join(ws, " ")
}

var (
	nameSeq  = regexp.MustCompile(`\p{Lu}[\p{L}'’\-]*(?: (?:(?:bin|ibn|al|el|de|da|van|von|der|du|dos|di|la|le) )?\p{Lu}[\p{L}'’\-]*)*`)
	moreStop = words(`journalist journalistin journaliste aktivist aktivistin activist militant militante
		menschenrechtsverteidiger menschenrechtsverteidigerin anwalt anwältin rechtsanwalt rechtsanwältin
		lawyer avocat avocate student studentin étudiant étudiante blogger bloggerin gewerkschafter
		gewerkschafterin défenseur défenseure défenseurs herr frau mr mrs ms dr monsieur madame haft
		gefängnis polizei gericht richter behörden regierung tribunal cour gouvernement autorités
		prisonnier prisonnière prisonniers le la les des du au aux un une il elle ils elles nous vous
		leur son sa ses en dans pour par sur avec depuis selon der die das den dem des ein eine einer
		und oder mit seit nach laut am im vom zum zur auf bei es sie er wir ihr ihre sein seine janvier
		février fevrier mars avril mai juin juillet août aout septembre octobre novembre décembre
		januar februar märz juni juli oktober dezember lundi mardi mercredi jeudi vendredi samedi
		dimanche montag dienstag mittwoch donnerstag freitag samstag sonntag urgence action urgente
		eilaktion amnesty bitte schreiben sie écrivez veuillez federation fédération föderation federación`)
)

func isNameStop(w string) bool {
	low := strings.ToLower(strings.Trim(w, "'’-"))
	low = strings.TrimSuffix(strings.TrimSuffix(low, "’s"), "'s")
	if nameStop[low] || moreStop[low] || isOrgWord(low) || isTitleWord(low) {
		return true
	}
	if _, ok := months[low]; ok {
		return true
	}
	if _, ok := countryCode(w); ok {
		return true
	}
	return isCaps(w) && utf8.RuneCountInString(w) >= 2
}

// cand is a name read from the running text, as a candidate prisoner.
type cand struct {
	name  string
	first int
	count int
}

// prisoners names the people the action is for: from a "Name:" line when
// the source has one, else the names the running text repeats.
func (im *importer) prisoners(body string) ([]prisoner, string) {
	genders := footerGenders(im.footerGender, len(im.footerNames))
	if len(im.footerNames) > 0 {
		var out []prisoner
		for i, n := range im.footerNames {
			name, _ := normaliseName(n)
			p := prisoner{name: name, gender: genders[i]}
			if p.gender == unstated {
				p.gender = honorificGender(body, name)
			}
			out = append(out, p)
		}
		return out, ""
	}
	recipientNames := map[string]bool{}
	for _, b := range im.blocks {
		recipientNames[fold(b.name.value)] = true
	}
	// The people an action is for are named early and often: look at the
	// first 100,000 bytes and the first 400 candidates only, so that a
	// large wrong file cannot make this quadratic.
	if len(body) > 100_000 {
		body = strings.ToValidUTF8(body[:100_000], "")
	}
	var cands []*cand
	seen := map[string]*cand{}
	for _, loc := range nameSeq.FindAllStringIndex(body, -1) {
		if len(cands) >= 400 {
			break
		}
		ws := strings.Fields(body[loc[0]:loc[1]])
		for len(ws) > 0 && isNameStop(ws[0]) {
			ws = ws[1:]
		}
		for len(ws) > 0 && isNameStop(ws[len(ws)-1]) {
			ws = ws[:len(ws)-1]
		}
		if len(ws) < 2 || len(ws) > 4 {
			continue
		}
		bad := false
		for _, w := range ws {
			if isNameStop(w) {
				bad = true
			}
		}
		if bad {
			continue
		}
		last := ws[len(ws)-1]
		last = strings.TrimSuffix(strings.TrimSuffix(last, "’s"), "'s")
		last = strings.TrimRight(last, "’'-")
		ws[len(ws)-1] = last
		name := strings.Join(ws, " ")
		if recipientNames[fold(name)] || seen[name] != nil {
			continue
		}
		c := &cand{name: name, first: loc[0], count: strings.Count(body, name)}
		seen[name] = c
		cands = append(cands, c)
	}
	// A longer sequence that holds a more frequent one is the name with a
	// word before it ("Journalistin Lena Brandt").
	var kept []*cand
	for _, c := range cands {
		drop := false
		for _, o := range cands {
			if o != c && strings.Contains(" "+c.name+" ", " "+o.name+" ") && o.count >= c.count {
				drop = true
			}
		}
		if !drop {
			kept = append(kept, c)
		}
	}
	facts := strings.ToLower(strings.Join(im.facts, " ") + " " + im.title)
	var pick []*cand
	for _, c := range kept {
		if c.count >= 2 && strings.Contains(facts, strings.ToLower(c.name)) {
			pick = append(pick, c)
		}
	}
	if len(pick) == 0 {
		for _, c := range kept {
			if c.count >= 3 {
				pick = append(pick, c)
			}
		}
	}
	if len(pick) == 0 && len(im.subjects) == 0 {
		pick = im.namedInAppeal(kept)
	}
	sort.SliceStable(pick, func(i, j int) bool { return pick[i].first < pick[j].first })
	if len(pick) > 6 {
		pick = pick[:6]
	}
	var out []prisoner
	for _, n := range im.subjects {
		name, _ := normaliseName(n)
		out = append(out, prisoner{name: name, gender: honorificGender(body, name)})
	}
	for _, p := range listedPrisoners(im.title, body, recipientNames) {
		if !slices.ContainsFunc(out, func(o prisoner) bool { return fold(o.name) == fold(p.name) }) {
			out = append(out, p)
		}
	}
	for _, c := range pick {
		if !slices.ContainsFunc(out, func(p prisoner) bool { return sharesName(p.name, c.name) }) && !namesRecipient(c.name, recipientNames) {
			out = append(out, prisoner{name: c.name, gender: honorificGender(body, c.name)})
		}
	}
	out = withCompanions(out, namePairs(body), recipientNames)
	if len(out) == 0 {
		// "Briefaktion für A und B" in the first paragraph, else in any.
		out = listedPrisoners(strings.Join(im.facts, " "), "", recipientNames)
		if len(out) == 0 {
			out = listedPrisoners(body, "", recipientNames)
		}
	}
	if len(out) == 0 {
		return nil, "no prisoner's name found in the source; add each prisoner's name"
	}
	return out, "names found in the running text, not in a list of prisoners; check that these are the prisoners and that none is missing"
}

// honorificGender reads the gender from an honorific the text puts before
// the name: "Mr Omar Haddad", "Frau Lena Brandt".
func honorificGender(body, name string) gender {
	g := unstated
	for i := strings.Index(body, name); i >= 0; {
		before := strings.Fields(body[max(0, i-25):i])
		if len(before) > 0 {
			w := strings.ToLower(before[len(before)-1])
			for _, h := range honorifics {
				if h.gender != unstated && (w == h.words || w+"." == h.words) && !strings.Contains(h.words, " ") {
					g = g.merge(h.gender)
				}
			}
		}
		j := strings.Index(body[i+len(name):], name)
		if j < 0 {
			break
		}
		i += len(name) + j
	}
	if g == conflicting {
		return unstated
	}
	return g
}

// sharesName reports two names with a word of four letters or more in
// common: "Salaheddin al-Tabbaa" and "Roten Halbmonds Salaheddin".
func sharesName(a, b string) bool {
	for _, w := range strings.Fields(fold(b)) {
		if utf8.RuneCountInString(w) >= 4 && slices.Contains(strings.Fields(fold(a)), w) {
			return true
		}
	}
	return false
}

// namesRecipient reports a name that holds a recipient's name.
func namesRecipient(name string, recipientNames map[string]bool) bool {
	for r := range recipientNames {
		if r != "" && strings.Contains(fold(name), r) {
			return true
		}
	}
	return false
}

// namedInAppeal picks, from names the text gives once or twice, those of
// the action points and the sample letter: the people they ask for.
func (im *importer) namedInAppeal(cands []*cand) []*cand {
	var b strings.Builder
	for _, d := range append(im.demands, im.letterDemands...) {
		b.WriteString(d.text + "\n")
	}
	appeal := b.String() + strings.Join(im.letterText, "\n")
	var pick []*cand
	for _, c := range cands {
		if strings.Contains(appeal, c.name) && len(pick) < 3 {
			pick = append(pick, c)
		}
	}
	return pick
}

// footerGenders reads "Gender m/f: both male", "m, f", "female".
func footerGenders(s string, n int) []gender {
	out := make([]gender, n)
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "" {
		return out
	}
	read := func(w string) gender {
		switch w {
		case "m", "male", "men", "man", "masculin", "männlich", "h", "homme", "hommes":
			return male
		case "f", "female", "women", "woman", "féminin", "weiblich", "femme", "femmes", "w":
			return female
		}
		return unstated
	}
	ws := wordsOf(s)
	var gs []gender
	for _, w := range ws {
		if g := read(w); g != unstated {
			gs = append(gs, g)
		}
	}
	switch {
	case len(gs) == 1 && (n == 1 || strings.Contains(s, "both") || strings.Contains(s, "all") || strings.Contains(s, "tous") || strings.Contains(s, "beide") || strings.Contains(s, "alle")):
		for i := range out {
			out[i] = gs[0]
		}
	case len(gs) == n:
		copy(out, gs)
	}
	return out
}

// demandLead is the form of an action point in an English Urgent Action:
// "Urging the authorities to release ...".
var (
	demandLead = regexp.MustCompile(`(?i)^(?:urging|calling on|calling upon|asking|requesting|demanding of|pressing|encouraging)\s+((?:them|him|her|(?:the|all|both)\s+[^,;]{1,60}?)(?:\s*,?\s*(?:in the meantime|meanwhile|pending (?:his|her|their) release|at the very least|also|urgently|immediately|further)\s*,?)?)\s+to\s+(\p{Ll}.*)$`)
	andToVerb  = regexp.MustCompile(`(,?) and to (\p{Ll})`)
	adverbials = []string{"in the meantime", "meanwhile", "pending their release", "pending his release", "pending her release", "at the very least", "also", "urgently", "immediately", "further"}
	urgeYouTo  = regexp.MustCompile(`(?i)\b(?:i|we)\s+(?:therefore\s+|respectfully\s+|strongly\s+|urgently\s+)?(?:urge|call on|call upon|ask|request|implore)\s+(?:you|your government|the authorities)\s+to\s+([^.]+)\.`)
	andTo      = regexp.MustCompile(`,?\s+and\s+(?:to\s+)(\p{Ll})`)
)

// buildDemands returns the action points, in the source's language: in
// English reworded to follow the letter's lead-in "I respectfully urge you to:".
func (im *importer) buildDemands() ([]string, string) {
	items, from := im.demands, ""
	if len(items) == 0 && len(im.letterDemands) > 0 {
		items, from = im.letterDemands, "taken from the sample letter"
	}
	if len(items) == 0 && im.lang == "en" {
		for _, m := range urgeYouTo.FindAllStringSubmatch(strings.Join(im.letterText, " "), -1) {
			for _, p := range strings.Split(andTo.ReplaceAllString(m[1], "\x00$1"), "\x00") {
				items = append(items, demand{text: p})
			}
			from = "taken from the sample letter's \"I urge you to ...\" sentences"
		}
	}
	var out []string
	reworded, odd := 0, 0
	for _, it := range items {
		s := strings.TrimSpace(it.text)
		s = strings.TrimSpace(strings.TrimSuffix(strings.TrimRight(s, ";, "), " and"))
		s = strings.TrimSuffix(strings.TrimRight(s, ";, "), " et")
		if s == "" {
			continue
		}
		if im.lang == "en" {
			if r, ok := rewordDemand(s); ok {
				s = r
				reworded++
			} else if !startsImperative(s) {
				odd++
			}
		} else if im.lang == "fr" {
			s = strings.TrimPrefix(strings.TrimPrefix(s, "de "), "d'")
			s = strings.TrimPrefix(s, "d’")
		}
		s = script.Capitalise(s)
		if !strings.HasSuffix(s, ".") && !strings.HasSuffix(s, "!") && !strings.HasSuffix(s, "?") {
			s += "."
		}
		out = append(out, s)
	}
	var checks []string
	if from != "" {
		checks = append(checks, from)
	}
	if reworded > 0 {
		checks = append(checks, `reworded from the source's "Urging ... to ..." form to follow the letter's "I respectfully urge you to:"; compare them with the source`)
	}
	if odd > 0 {
		checks = append(checks, `some do not follow the letter's "I respectfully urge you to:"; write each as a request such as "Release ..."`)
	}
	if len(out) == 0 {
		return nil, "no action points found in the source; add what the letters ask for"
	}
	return out, strings.Join(checks, "; ")
}

// rewordDemand turns "Urging them in the meantime to ensure that ..." into
// "In the meantime, ensure that ...".
func rewordDemand(s string) (string, bool) {
	m := demandLead.FindStringSubmatch(s)
	if m == nil {
		return "", false
	}
	object, rest := strings.Trim(m[1], ", "), andToVerb.ReplaceAllString(m[2], "$1 and $2")
	for _, a := range adverbials {
		if strings.HasSuffix(strings.ToLower(object), " "+a) || strings.HasSuffix(strings.ToLower(object), ", "+a) {
			if strings.Contains(a, " ") {
				return script.Capitalise(a) + ", " + rest, true
			}
			return script.Capitalise(a) + " " + rest, true
		}
	}
	return script.Capitalise(rest), true
}

var imperatives = words(`release ensure end stop guarantee protect drop quash allow grant provide investigate respect repeal
	free order take bring halt cease refrain immediately publicly carry open return disclose make urgently`)

func startsImperative(s string) bool {
	ws := strings.Fields(strings.ToLower(s))
	return len(ws) > 0 && imperatives[ws[0]]
}

// cutOff reports a recipient read from the source's last line that has
// no postal address or no way to reach it: the text stops inside it.
func (im *importer) cutOff(r recipient) bool {
	last := 0
	for _, l := range im.lines {
		if l.text != "" {
			last = l.n
		}
	}
	complete := len(r.Address) > 0 && (r.Email != "" || r.Fax != "" || r.Phone != "" || r.Salutation != nil)
	return !complete && len(r.lines) > 0 && slices.Max(r.lines) == last
}

// buildRecipients finishes the blocks: country, salutation from a sample
// letter, ids, and the doubts.
func (im *importer) buildRecipients() []recipient {
	var rs []recipient
	for _, b := range im.blocks {
		r, ok := b.finish(im.lang)
		if !ok {
			for _, f := range b.fields {
				im.notPlaced = append(im.notPlaced, notPlaced{f.line, f.raw})
				im.uses[f.line] = unplaced
			}
			continue
		}
		rs = append(rs, r)
	}
	rs = mergeRepeated(rs, im.lang)
	allTo := !slices.ContainsFunc(im.blocks, func(b *block) bool { return b.role != casefile.RoleTo })
	if len(rs) == 1 && rs[0].Role == casefile.RoleEmbassy && allTo {
		// A model letter to an ambassador: the one recipient is the addressee.
		rs[0].Role = casefile.RoleTo
	}
	// Countries the address does not state.
	official := ""
	for _, r := range rs {
		if r.Role != casefile.RoleEmbassy && r.CareOf == nil && r.Country != "" {
			if official == "" {
				official = r.Country
			} else if official != r.Country {
				official = "-"
			}
		}
	}
	for i := range rs {
		r := &rs[i]
		if r.Country != "" {
			continue
		}
		if code, why := inferCountry(r); code != "" {
			r.Country = code
			r.checks["country"] = why
		} else if official != "" && official != "-" && r.Role != casefile.RoleEmbassy && r.CareOf == nil {
			r.Country = official
			r.checks["country"] = "the source gives no country for this address; taken from the other officials' addresses"
		} else {
			r.checks["country"] = "the source does not say which country this address is in; write its ISO code (KZ, GB)"
		}
	}
	// A sample letter's salutation.
	if im.letterSal != "" && len(rs) > 0 {
		given := map[int]bool{}
		for _, alt := range salutationAlternatives(im.letterSal) {
			im.giveLetterSalutation(rs, salutationText(alt, im.lang), given)
		}
	}
	taken := map[string]int{}
	for i := range rs {
		r := &rs[i]
		r.ID = slugID(*r, im.lang, taken)
		switch {
		case r.Address == nil:
			r.checks["address"] = "the source gives no postal address for this recipient; add it"
		case len(r.Address[""]) == 1 && r.checks["address"] == "":
			r.checks["address"] = "one line only: check that the address names the town"
		}
		if r.Title == nil && r.Salutation == nil && r.checks["recipient"] == "" {
			r.checks["recipient"] = "the source gives no title or salutation, so letters would open with the general \"Dear Sir or Madam,\"; add a title or a salutation"
		}
	}
	if n := len(rs); n > 0 && im.cutOff(rs[n-1]) {
		r := &rs[n-1]
		r.checks["recipient"] = strings.TrimPrefix(r.checks["recipient"]+"; ", "; ") + "the source ends inside this recipient's block: it may be cut off; complete it from the full text"
	}
	return rs
}

// letterTarget picks the recipient a sample letter addresses: the first
// whose title shares a word with the salutation, else the first main one.
// salutationAlternatives splits "Dear Director, or Dear Ambassador,".
func salutationAlternatives(sal string) []string {
	parts := orSalutation.Split(sal, -1)
	for _, p := range parts {
		if !salutationRe.MatchString(p) {
			return []string{sal}
		}
	}
	return parts
}

var orSalutation = regexp.MustCompile(`(?i),?\s+(?:or|ou|oder|o)\s+`)

// giveLetterSalutation gives the sample letter's salutation to the
// recipient it addresses, once per recipient.
func (im *importer) giveLetterSalutation(rs []recipient, sal string, given map[int]bool) {
	target := letterTarget(rs, sal, im.lang)
	if target < 0 || given[target] {
		return
	}
	given[target] = true
	r := &rs[target]
	if r.Salutation == nil {
		r.Salutation = casefile.Text{im.lang: sal}
		r.checks["salutation"] = fmt.Sprintf("taken from the sample letter (line %d); check that it addresses this recipient", im.letterSalLine)
		if _, g, ok := stripHonorifics(salutationBody(sal)); ok && r.Gender == "" && g.known() {
			r.Gender = g.String()
		}
	} else if fold(strings.TrimRight(r.Salutation[im.lang], ",!")) != fold(strings.TrimRight(sal, ",!")) {
		r.checks["salutation"] = fmt.Sprintf("the sample letter (line %d) opens %q instead; this is the source's Salutation: line", im.letterSalLine, sal)
	}
}

func letterTarget(rs []recipient, sal, lang string) int {
	body := strings.ToLower(salutationBody(sal))
	for i, r := range rs {
		// "Dear Mr. Pablo Elías Gonzalez" to Pablo Elias Gonzalez Mongui.
		if sharesName(r.Name[lang], body) {
			return i
		}
	}
	for i, r := range rs {
		for _, w := range strings.Fields(strings.ToLower(r.Title[lang])) {
			if isTitleWord(w) && strings.Contains(body, w) {
				return i
			}
		}
	}
	for i, r := range rs {
		if r.Role == casefile.RoleTo {
			return i
		}
	}
	return -1
}

// inferCountry reads a country from what the address shows: a UK
// postcode, a US state and ZIP code, the e-mail address's country domain.
func inferCountry(r *recipient) (string, string) {
	for _, a := range r.Address[""] {
		if m := ukPostcode.FindString(a); m != "" && !strings.ContainsAny(m, "-") {
			return "GB", fmt.Sprintf("the source names no country; %q is a UK postcode", m)
		}
		if m := usZip.FindString(a); m != "" {
			return "US", fmt.Sprintf("the source names no country; %q is a US state and ZIP code", m)
		}
	}
	if i := strings.LastIndex(r.Email, "."); i >= 0 {
		tld := strings.ToUpper(r.Email[i+1:])
		if tld == "UK" {
			tld = "GB"
		}
		if len(tld) == 2 && country.Valid(tld) {
			return tld, fmt.Sprintf("the source names no country; guessed from the e-mail address %s", r.Email)
		}
	}
	return "", ""
}

// caseCountry is the country of the officials the letters go to.
func caseCountry(rs []recipient, header string) string {
	code := ""
	for _, r := range rs {
		if r.Role == casefile.RoleEmbassy || r.CareOf != nil || r.Country == "" || r.checks["country"] != "" {
			continue
		}
		if code == "" {
			code = r.Country
		} else if code != r.Country {
			return header
		}
	}
	if code == "" {
		return header
	}
	return code
}

// ranges writes 3,4,5,9 as "3-5, 9"; blank lines between two numbers
// do not break a range.
func (im *importer) ranges(ns []int) string {
	blankBetween := func(a, b int) bool {
		for n := a + 1; n < b; n++ {
			if im.lines[n-1].text != "" {
				return false
			}
		}
		return true
	}
	var parts []string
	plural := len(ns) > 1
	for i := 0; i < len(ns); {
		j := i
		for j+1 < len(ns) && blankBetween(ns[j], ns[j+1]) {
			j++
		}
		if j > i {
			parts = append(parts, fmt.Sprintf("%d-%d", ns[i], ns[j]))
			plural = true
		} else {
			parts = append(parts, fmt.Sprint(ns[i]))
		}
		i = j + 1
	}
	if plural {
		return "lines " + strings.Join(parts, ", ")
	}
	return "line " + parts[0]
}

// ownLanguage finds "your own language" in the languages' line, in the
// source languages import reads.
var ownLanguage = regexp.MustCompile(`(?i)own language|propio idioma|propia lengua|propre langue|votre langue|eigenen Sprache|Muttersprache|родном языке|своем языке|своём языке`)

// lineText is the text of the line numbered n, or "".
func (im *importer) lineText(n int) string {
	for _, l := range im.lines {
		if l.n == n {
			return l.text
		}
	}
	return ""
}
