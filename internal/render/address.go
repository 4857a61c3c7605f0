package render

import (
	"strings"

	"appeal/internal/casefile"
	"appeal/internal/country"
)

// addressBlock is the recipient's postal address, top to bottom: the
// addressee as the letter's language addresses a person (the case's
// addressee lines, else honorific and name, title, organisation), the c/o
// line, the address lines in the letter's language and, when the letter
// leaves the writer's country, the destination country in capitals in the
// language the writer's post reads. Without a writer the country line is
// always printed, in English. Numbers are tied to their neighbours so
// that a postcode stays with its town.
func addressBlock(r casefile.Recipient, s *casefile.Sender, lang string, loc Locale) []string {
	tx := func(t casefile.Text) string { v, _ := t.In(lang); return oneLine(v) }
	var lines []string
	add := func(v string) {
		if v = oneLine(v); v != "" {
			lines = append(lines, tieNumbers(loc.Typography.set(v)))
		}
	}
	if top, ok := r.Addressee.In(lang); ok && len(top) > 0 {
		for _, a := range top {
			add(a)
		}
	} else {
		add(joinNonEmpty(" ", loc.honorific(r, lang), tx(r.Name)))
		add(tx(r.Title))
		add(tx(r.Organisation))
	}
	if co := tx(r.CareOf); co != "" {
		add(loc.CareOf + " " + co)
	}
	address, _ := r.Address.In(lang)
	for _, a := range address {
		add(a)
	}
	from := ""
	if s != nil {
		from = s.Country
	}
	add(country.DestinationLine(from, r.Country))
	return lines
}

// senderBlock is the writer's address as printed at the head of the
// letter, the country named in the letter's language, or not at all in a
// letter that stays in the writer's country (to).
func senderBlock(s *casefile.Sender, lang, to string) []string {
	name := country.Name(s.Country, lang)
	if s.Country == to {
		name = ""
	}
	lines := postalLines(s, name)
	if e := oneLine(s.Email); e != "" {
		lines = append(lines, e)
	}
	return lines
}

// returnAddress is the writer's address for envelopes, labels and the
// return line in the window: no e-mail, and the country in capitals in the
// language of the writer's own post, which a returned letter goes back to;
// no country when the letter stays in the writer's country (to).
func returnAddress(s *casefile.Sender, to string) []string {
	name := ""
	if s.Country != "" && s.Country != to {
		lang := country.PostLanguage(s.Country)
		name = country.Upper(country.Name(s.Country, lang), lang)
	}
	return postalLines(s, name)
}

// postalLines are the writer's name and postal address, with countryName
// as the last line.
func postalLines(s *casefile.Sender, countryName string) []string {
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
		add(countryName)
	}
	return lines
}

// townLines places the postcode and region as the writer's post expects
// them: the postcode on a line of its own under the town in the United
// Kingdom; "Portland, OR 97205" in the United States; town, region and
// postcode in Canada and Australia; town and postcode ("Алматы, 050000")
// in Russia, Kazakhstan and their neighbours, as in the recipients'
// addresses; the postcode before the town elsewhere (most of Europe), with
// a region on a line of its own. Postcode and town are tied with a
// no-break space.
func townLines(s *casefile.Sender) []string {
	city, pc, region := oneLine(s.PostalCity()), oneLine(s.Postcode), oneLine(s.Region)
	tie := func(parts ...string) string { return joinNonEmpty(string(nbsp), parts...) }
	switch s.Country {
	case "RU", "KZ", "BY", "KG", "UA":
		return []string{joinNonEmpty(","+string(nbsp), city, pc), region} // Санкт-Петербург, 191023
	case "GB":
		return []string{city, pc}
	case "US":
		if region != "" {
			return []string{city + "," + string(nbsp) + tie(region, pc)}
		}
		return []string{tie(city, pc)}
	case "CA", "AU":
		return []string{tie(city, region, pc)}
	}
	return []string{tie(pc, city), region}
}

// joinNonEmpty joins the parts that are not empty.
func joinNonEmpty(sep string, parts ...string) string {
	var keep []string
	for _, p := range parts {
		if p != "" {
			keep = append(keep, p)
		}
	}
	return strings.Join(keep, sep)
}
