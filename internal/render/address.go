package render

import (
	"strings"

	"appeal/internal/casefile"
	"appeal/internal/country"
)

// addressBlock is the recipient's postal address, top to bottom: name,
// title, organisation, c/o line, address lines and, when the letter leaves
// the writer's country, the destination country in capitals in the
// language the writer's post reads. Without a writer the country line is
// always printed, in English.
func addressBlock(r casefile.Recipient, s *casefile.Sender, lang, careOf string) []string {
	tx := func(t casefile.Text) string { v, _ := t.In(lang); return oneLine(v) }
	var lines []string
	add := func(v string) {
		if v = oneLine(v); v != "" {
			lines = append(lines, v)
		}
	}
	add(tx(r.Name))
	add(tx(r.Title))
	add(tx(r.Organisation))
	if co := tx(r.CareOf); co != "" {
		add(careOf + " " + co)
	}
	for _, a := range r.Address {
		add(a)
	}
	from := ""
	if s != nil {
		from = s.Country
	}
	add(country.DestinationLine(from, r.Country))
	return lines
}

// senderBlock is the writer's address as printed at the head of the letter.
func senderBlock(s *casefile.Sender, lang string) []string {
	var lines []string
	add := func(v string) {
		if v = oneLine(v); v != "" {
			lines = append(lines, v)
		}
	}
	add(s.Name)
	for _, a := range s.Address {
		add(a)
	}
	for _, l := range townLines(s) {
		add(l)
	}
	if s.Country != "" {
		add(country.Name(s.Country, lang))
	}
	add(s.Email)
	return lines
}

// returnLine is the writer's address in one line for the envelope window.
func returnLine(s *casefile.Sender, lang string) string {
	parts := []string{s.Name}
	parts = append(parts, s.Address...)
	parts = append(parts, townLines(s)...)
	if s.Country != "" {
		parts = append(parts, country.Name(s.Country, lang))
	}
	return joinNonEmpty(" · ", trimAll(parts)...)
}

func trimAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = oneLine(s)
	}
	return out
}

// townLines places the postcode as the writer's post expects it: on a line
// of its own under the town in the United Kingdom, after the town in North
// America and Australia, and before it elsewhere (most of Europe, Russia,
// Kazakhstan).
func townLines(s *casefile.Sender) []string {
	switch s.Country {
	case "GB":
		return []string{s.City, s.Postcode}
	case "US", "CA", "AU":
		return []string{strings.TrimSpace(s.City + " " + s.Postcode)}
	}
	return []string{strings.TrimSpace(s.Postcode + " " + s.City)}
}
