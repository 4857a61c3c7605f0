package importer

import (
	"appeal/internal/casefile"
	"fmt"
	"slices"
	"strings"
)

// mergeRepeated makes one recipient of an official the source lists twice
// (the same name, and the same title or none), with the fields of both,
// and marks it.
func mergeRepeated(rs []recipient, lang string) []recipient {
	var out []recipient
	for _, r := range rs {
		i := slices.IndexFunc(out, func(o recipient) bool { return sameOfficial(o, r, lang) })
		if i < 0 {
			out = append(out, r)
			continue
		}
		out[i].fillFrom(r)
		out[i].checks["name"] = fmt.Sprintf("the source lists this recipient twice (lines %d and %d); merged here: check that both are the same person", earliestLine(out[i].lines), earliestLine(r.lines))
	}
	return out
}

func sameOfficial(a, b recipient, lang string) bool {
	key := func(t casefile.Text) string { return fold(strings.TrimSuffix(t[lang], ":")) }
	if key(a.Name) == "" || key(a.Name) != key(b.Name) || a.Role != b.Role {
		return false
	}
	return key(a.Title) == "" || key(b.Title) == "" || key(a.Title) == key(b.Title)
}

// fillFrom fills r's empty fields from o's.
func (r *recipient) fillFrom(o recipient) {
	for _, f := range []struct{ dst, src *string }{
		{&r.Gender, &o.Gender}, {&r.Country, &o.Country}, {&r.Fax, &o.Fax}, {&r.Phone, &o.Phone}, {&r.Email, &o.Email},
	} {
		if *f.dst == "" {
			*f.dst = *f.src
		}
	}
	for _, f := range []struct{ dst, src *casefile.Text }{
		{&r.Title, &o.Title}, {&r.Organisation, &o.Organisation}, {&r.CareOf, &o.CareOf}, {&r.Salutation, &o.Salutation},
	} {
		if *f.dst == nil {
			*f.dst = *f.src
		}
	}
	if len(r.Address) == 0 {
		r.Address = o.Address
	}
	for k, v := range o.checks {
		if _, ok := r.checks[k]; !ok {
			r.checks[k] = v
		}
	}
	r.lines = append(r.lines, o.lines...)
}

func earliestLine(ls []int) int {
	if len(ls) == 0 {
		return 0
	}
	return slices.Min(ls)
}
