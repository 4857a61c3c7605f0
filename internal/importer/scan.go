package importer

import (
	"regexp"
	"strings"

	"appeal/internal/casefile"
)

// scanner reads the lines in one pass. Each region of the text has a
// function that reads one line of it and returns the index of the next
// line to read. A line that ends a region is handed on: the function
// changes the region and returns the same index, and the next region's
// function reads it. No function goes back to an earlier line.
type scanner struct {
	*importer
	mode     region
	lastText string // the last line read as text, for a list's lead-in ending in ":"
}

// scan reads the lines region by region.
func (im *importer) scan() {
	s := &scanner{importer: im}
	for i := 0; i < len(im.lines); {
		i = s.read(i)
	}
	im.flush()
	im.endFacts()
}

// read reads line i in the region the scanner is in.
func (s *scanner) read(i int) int {
	if s.lines[i].text == "" {
		s.blank()
		return i + 1
	}
	if next, ok := s.anywhere(i); ok {
		return next
	}
	switch s.mode {
	case rHeader:
		return s.header(i)
	case rActions:
		return s.actions(i)
	case rLetter:
		return s.letter(i)
	case rLetterEnd:
		return s.letterEnd(i)
	case rRecipients:
		return s.recipients(i)
	}
	return s.prose(i)
}

// blank ends the facts at a paragraph's end.
func (s *scanner) blank() {
	if s.mode == rProse && !s.factsDone && len(s.facts) > 0 && endsSentence(s.facts[len(s.facts)-1]) {
		s.factsDone = true
	}
}

// anywhere reads the lines that mean the same in most regions: links and
// boilerplate, the markers of a recipient list, the "Name:" and "Gender:"
// lines, the reference again at the foot, the end of the appeal and a
// recipient's block that no heading announces.
func (s *scanner) anywhere(i int) (next int, ok bool) {
	l := s.lines[i]
	t := l.text
	inLetter := s.mode == rLetter
	switch {
	case s.pageLine(l):
	case s.listMarker(i):
		return s.listStart(i), true
	case s.footerLine(l):
	case s.mode != rHeader && !inLetter && headerLine.MatchString(t) && len(findReferences(t)) > 0 && len(t) < 160:
		s.uses[l.n] = boiler
	case !inLetter && endMarker.MatchString(t):
		s.flush()
		s.endFacts()
		s.mode = rAfter
		s.uses[l.n] = boiler
		s.lastText = t
	case s.mode != rRecipients && !inLetter && s.opensBlock(i):
		return s.unannouncedBlock(i), true
	default:
		return i, false
	}
	return i + 1, true
}

// pageLine reads a link, a "mailto:" line or boilerplate.
func (s *scanner) pageLine(l line) bool {
	t := l.text
	if u := urlRe.FindString(t); u != "" && s.sourceURL == "" {
		s.sourceURL = strings.TrimRight(u, ".,;)")
	}
	if strings.HasPrefix(strings.ToLower(t), "mailto:") {
		s.mailtos = append(s.mailtos, notPlaced{l.n, t})
		return true
	}
	if s.isBoilerplate(t) {
		s.uses[l.n] = boiler
		return true
	}
	return false
}

// footerLine reads "Name: …" and "Gender m/f: …".
func (s *scanner) footerLine(l line) bool {
	if m := footerName.FindStringSubmatch(l.text); m != nil && s.mode != rRecipients && s.mode != rLetter {
		s.footerNames = append(s.footerNames, splitNames(m[1])...)
		s.uses[l.n] = used
		return true
	}
	if m := footerGender.FindStringSubmatch(l.text); m != nil && s.mode != rLetter {
		s.footerGender = m[1]
		s.uses[l.n] = used
		return true
	}
	return false
}

// listMarker reports a line that opens a list of recipients; in a sample
// letter, only a heading of a few words ("Destinataires") does.
func (s *scanner) listMarker(i int) bool {
	t := s.lines[i].text
	_, rest, ok := roleMarker(t)
	return ok && (s.mode != rLetter || rest == "" && len(strings.Fields(t)) <= 3)
}

// listStart reads a line that opens a list of recipients, and what
// follows the marker on it.
func (s *scanner) listStart(i int) int {
	l := s.lines[i]
	role, rest, _ := roleMarker(l.text)
	s.flush()
	s.role = role
	s.mode = rRecipients
	s.uses[l.n] = used
	s.lastText = l.text
	switch {
	case endMarker.MatchString(rest):
		// "Please insert local diplomatic addresses below:": none given.
		s.mode = rAfter
	case rest != "":
		i = s.recipientText(i, rest)
	}
	return i + 1
}

// unannouncedBlock reads a recipient's block with no heading before it.
func (s *scanner) unannouncedBlock(i int) int {
	t := s.lines[i].text
	s.flush()
	s.endFacts()
	if s.role == "" {
		s.role = casefile.RoleTo
	}
	s.mode = rRecipients
	s.lastText = t
	return s.recipientText(i, t) + 1
}

// header reads the lines before the first paragraph.
func (s *scanner) header(i int) int {
	if s.isLetterSalutation(i) {
		// A page that starts with its sample letter: "Monsieur le Ministre,".
		s.openLetter(s.lines[i])
		return i + 1
	}
	if s.headerLine(i) {
		return i + 1
	}
	s.mode = rProse
	return i
}

// prose reads running text: the facts, then background; it hands on to
// the action list and the sample letter.
func (s *scanner) prose(i int) int {
	l := s.lines[i]
	t := l.text
	switch {
	case actionLeadIn.MatchString(t):
		s.endFacts()
		s.mode = rActions
		s.uses[l.n] = boiler
	case letterHeading.MatchString(t):
		s.endFacts()
		s.openLetterHeading(l)
		return i + 1
	case s.isLetterSalutation(i):
		s.endFacts()
		s.openLetter(l)
		return i + 1
	case l.bullet && strings.HasSuffix(s.lastText, ":") && len(s.demands) == 0:
		s.endFacts()
		s.mode = rActions
		return i
	case s.mode == rProse && !s.factsDone && !isHeading(t):
		s.addFacts(l)
	default:
		if s.mode == rProse {
			s.endFacts() // a heading after the first paragraph
		}
		s.uses[l.n] = prose
	}
	s.lastText = l.text
	return i + 1
}

// actions reads the action list.
func (s *scanner) actions(i int) int {
	if s.actionLine(s.lines[i]) {
		s.lastText = s.lines[i].text
		return i + 1
	}
	s.mode = rAfter
	if !s.factsDone && len(s.facts) == 0 {
		s.mode = rProse
	}
	return i
}

// openLetter starts the sample letter at its salutation.
func (s *scanner) openLetter(l line) {
	s.mode = rLetter
	s.letterSal, s.letterSalLine = l.text, l.n
	s.uses[l.n] = used
}

// openLetterHeading starts the sample letter at its heading, and reads a
// salutation on the same line: "SAMPLE LETTER Dear Prosecutor of Kursk
// Region, [Model letter …]".
func (s *scanner) openLetterHeading(l line) {
	s.mode = rLetter
	s.uses[l.n] = letterUse
	rest := strings.TrimSpace(strings.TrimLeft(letterHeading.ReplaceAllString(l.text, ""), ":"))
	if c := strings.IndexAny(rest, ",:!"); salutationRe.MatchString(rest) && c > 0 && c < 80 {
		s.letterSal, s.letterSalLine = rest[:c+1], l.n
	}
}

// letter reads the sample letter up to its closing.
func (s *scanner) letter(i int) int {
	l := s.lines[i]
	t := l.text
	switch {
	case closingRe.MatchString(t):
		s.mode = rLetterEnd
		s.uses[l.n] = letterUse
		return i + 1
	case s.letterSal == "" && salutationRe.MatchString(t) && len(t) < 80:
		s.openLetter(l)
		return i + 1
	case l.bullet:
		s.letterDemands = appendItem(s.letterDemands, l, true)
	case len(s.letterDemands) > 0 && !endsSentence(s.letterDemands[len(s.letterDemands)-1].text):
		s.letterDemands = appendItem(s.letterDemands, l, false)
	default:
		s.letterText = append(s.letterText, t)
	}
	s.uses[l.n] = letterUse
	s.lastText = t
	return i + 1
}

// letterEnd reads the signature after the closing.
func (s *scanner) letterEnd(i int) int {
	t := s.lines[i].text
	if strings.HasPrefix(t, "[") || len(strings.Fields(t)) <= 4 {
		s.uses[s.lines[i].n] = letterUse
		return i + 1
	}
	s.mode = rAfter
	return i
}

// recipients reads a list of recipients.
func (s *scanner) recipients(i int) int {
	l := s.lines[i]
	t := l.text
	switch {
	case letterHeading.MatchString(t):
		s.flush()
		s.openLetterHeading(l)
		return i + 1
	case isProseLine(t) && !strings.Contains(t, "@"):
		s.flush()
		s.mode = rAfter
		return i
	case s.isLetterSalutation(i) && !strings.Contains(strings.ToLower(t), "salutation"):
		s.flush()
		s.openLetter(l)
		return i + 1
	case s.subjectLine(i):
		s.flush()
		s.subjects = append(s.subjects, l.text)
		s.uses[l.n] = used
		return i + 1
	}
	s.lastText = t
	return s.recipientText(i, t) + 1
}

// subjectLine reports a name alone between an address's country line and
// the letter's salutation: the person the letter is about.
func (s *scanner) subjectLine(i int) bool {
	if s.cur == nil || s.cur.country.kind == kNone {
		return false
	}
	j := i + 1
	for j < len(s.lines) && s.lines[j].text == "" {
		j++
	}
	if j == len(s.lines) || !s.isLetterSalutation(j) {
		return false
	}
	t := s.lines[i].text
	fs := classify(t)
	return len(fs) == 1 && (fs[0].kind == kName || fs[0].kind == kNameOrAddr || fs[0].kind == kUnknown && soleName.MatchString(t))
}

var soleName = regexp.MustCompile(`^` + listName + `$`)
