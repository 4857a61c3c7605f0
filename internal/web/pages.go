package web

import (
	"bytes"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"path"
	"slices"
	"strings"
	"time"

	"appeal/internal/batch"
	"appeal/internal/casefile"
	"appeal/internal/country"
	"appeal/internal/email"
	"appeal/internal/letter"
	"appeal/internal/render"
	"appeal/internal/writers"
)

// page is what every page shows: its language, title and the links to
// the page in the other languages.
type page struct {
	T       *catalog
	Title   string
	UIs     []uiLink
	Collect bool
}

type uiLink struct {
	Lang, Name, Href string
	Current          bool
}

// newPage starts a page; the language links lead to here (a GET page)
// in each language.
func (s *Server) newPage(r *http.Request, ui *catalog, title string) page {
	here := r.URL.Path
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		here = "/"
		if id := r.PathValue("id"); s.byID[id] != nil {
			here = "/case/" + id
		}
	}
	p := page{T: ui, Title: title, Collect: s.cfg.Collect != nil}
	for _, c := range s.ui.list {
		p.UIs = append(p.UIs, uiLink{Lang: c.Lang, Name: languageName(c.Lang), Href: here + "?" + url.Values{"ui": {c.Lang}}.Encode(), Current: c == ui})
	}
	return p
}

// caseInfo is a case as the pages list it.
type caseInfo struct {
	ID, Title, Reference string
	Deadline             string // YYYY-MM-DD; empty: none
	Days                 int
	Passed, Today        bool
	// AfterDeadline is what the case says to do now that the deadline
	// has passed, under AfterLabel; AfterLang is its language when it is
	// not the page's (the case lacks a text in the page's language).
	AfterDeadline, AfterLabel, AfterLang string
}

func (s *Server) info(e *entry, ui *catalog) caseInfo {
	c := e.Case
	ci := caseInfo{ID: e.ID, Reference: c.Reference, Title: title(c, ui.Lang)}
	if days, ok := c.DaysLeft(s.cfg.Now()); ok {
		ci.Deadline, ci.Days = c.Deadline.Format(time.DateOnly), days
		if loc, ok := s.cfg.Renderer.Locale(ui.Lang); ok {
			ci.Deadline = loc.FormatDate(c.Deadline.Time) // "14. März 2017"
		}
		ci.Passed, ci.Today = days < 0, days == 0
		if text, in, ok := c.AfterDeadlineIn(ui.Lang); ok && ci.Passed {
			ci.AfterDeadline, ci.AfterLabel, ci.AfterLang = strings.Join(strings.Fields(text), " "), ui.S("after_deadline"), in
			if in != "" {
				ci.AfterLabel = ui.F("after_deadline_in", languageIn(in, ui.Lang))
			}
		}
	}
	return ci
}

// title is the case's title in lang, else in English, else any.
func title(c *casefile.Case, lang string) string {
	for _, l := range append([]string{lang, "en"}, c.Mentioned()...) {
		if t, ok := c.Title.In(l); ok && t != "" {
			return strings.Join(strings.Fields(t), " ")
		}
	}
	return c.Reference
}

func (s *Server) home(w http.ResponseWriter, r *http.Request) {
	ui := uiOf(r)
	if len(s.cases) == 1 && r.URL.RawQuery == "" {
		http.Redirect(w, r, "/case/"+s.cases[0].ID, http.StatusSeeOther)
		return
	}
	p := struct {
		page
		Cases []caseInfo
	}{page: s.newPage(r, ui, ui.S("cases_title"))}
	for _, e := range s.cases {
		p.Cases = append(p.Cases, s.info(e, ui))
	}
	s.render(w, http.StatusOK, "cases", p)
}

// formPage is the writer's form for one case.
type formPage struct {
	page
	Case       caseInfo
	Many       bool // more cases to choose from
	CSRF       string
	F          writerForm
	Errors     []fieldError
	Err        map[string]string
	Countries  template.HTML // the <option>s of the country list
	Languages  []option
	Recipients []recipientInfo
}

type recipientInfo struct {
	ID, Name, Role, Hint string
	Checked              bool
}

func (s *Server) entry(w http.ResponseWriter, r *http.Request) *entry {
	e := s.byID[r.PathValue("id")]
	if e == nil {
		ui := uiOf(r)
		s.fail(w, r, ui, http.StatusNotFound, "err_nocase")
	}
	return e
}

func (s *Server) form(w http.ResponseWriter, r *http.Request) {
	e := s.entry(w, r)
	if e == nil {
		return
	}
	ui := uiOf(r)
	f, ok := remembered(r)
	f.Remember = ok
	if f.Country == "" {
		f.Country = acceptRegion(r)
	}
	if f.Lang == "" || !slices.Contains(e.Choices, f.Lang) {
		f.Lang = s.defaultLang(e, f, ui)
	}
	for _, rc := range e.Case.Recipients {
		if rc.Role != casefile.RoleEmbassy || (f.Country != "" && letter.Serves(rc, f.sender())) {
			f.To = append(f.To, rc.ID)
		}
	}
	s.showForm(w, r, e, f, nil, http.StatusOK)
}

// defaultLang is the letters' language for a writer who has not chosen:
// the page's language, else as letter.ChooseFor picks it from their country.
// A page language the case has no letters in is passed over, as the
// command line passes over a writer's language it cannot write: the
// writer's country decides, then English, as for a batch.
func (s *Server) defaultLang(e *entry, f writerForm, ui *catalog) string {
	w := f.sender()
	for _, lang := range []string{ui.Lang, ""} {
		w.Language = lang
		if ch, err := letter.ChooseFor(e.Case, e.Writable, "", w); err == nil && slices.Contains(e.Choices, ch.Lang) {
			return ch.Lang
		}
	}
	if slices.Contains(e.Choices, "en") {
		return "en"
	}
	return e.Choices[0]
}

func (s *Server) showForm(w http.ResponseWriter, r *http.Request, e *entry, f writerForm, errs []fieldError, status int) {
	ui := uiOf(r)
	p := formPage{page: s.newPage(r, ui, title(e.Case, ui.Lang)), Case: s.info(e, ui), Many: len(s.cases) > 1,
		CSRF: s.csrfToken(w, r), F: f, Errors: errs, Err: map[string]string{}, Countries: s.countryOptions(ui.Lang, f.Country)}
	if len(errs) > 0 {
		p.Title = ui.F("errors_title", p.Title)
	}
	for _, fe := range errs {
		p.Err[fe.Field] = fe.Msg
	}
	for _, l := range e.Choices {
		p.Languages = append(p.Languages, option{l, languageName(l)})
	}
	for _, rc := range e.Case.Recipients {
		ri := recipientInfo{ID: rc.ID, Name: s.recipientName(rc, ui.Lang), Role: rc.Role, Checked: slices.Contains(f.To, rc.ID)}
		switch rc.Role {
		case casefile.RoleEmbassy:
			ri.Hint = ui.F("to_embassy", country.Name(rc.Country, ui.Lang))
		case casefile.RoleCopy:
			ri.Hint = ui.S("to_copy")
		}
		if rc.Email != "" {
			if ri.Hint != "" {
				ri.Hint += ui.S("hint_sep")
			}
			ri.Hint += ui.S("to_email")
		}
		p.Recipients = append(p.Recipients, ri)
	}
	s.render(w, status, "form", p)
}

// recipientName names a recipient for the page: title and name, in the
// page's language when the case has it, else in English; joined with the
// page language's comma (Arabic and Persian "،") when both are in it.
func (s *Server) recipientName(rc casefile.Recipient, lang string) string {
	all := true // every part is in lang
	get := func(t casefile.Text) string {
		for _, l := range []string{lang, "en"} {
			if v, ok := t.In(l); ok && v != "" {
				all = all && l == lang
				return v
			}
		}
		for _, v := range t {
			all = false
			return v
		}
		return ""
	}
	parts := []string{}
	for _, v := range []string{get(rc.Title), get(rc.Name)} {
		if v != "" {
			parts = append(parts, v)
		}
	}
	if len(parts) == 0 {
		parts = append(parts, get(rc.Organisation), rc.ID)
		all = false
	}
	sep := ", "
	if loc, ok := s.cfg.Renderer.Locale(lang); ok && loc.Comma != "" && all {
		sep = loc.Comma + " "
	}
	return strings.Join(parts, sep)
}

// countryOptions is the country list's <option>s in the UI language, the
// writer's country selected. The list, some 250 options, is made once per
// language: going through it in the page's template took more time than
// making the writer's letters.
func (s *Server) countryOptions(lang, selected string) template.HTML {
	v, ok := s.countryCache.Load(lang)
	if !ok {
		var b strings.Builder
		for _, o := range countries(lang) {
			fmt.Fprintf(&b, "<option value=\"%s\">%s</option>\n", template.HTMLEscapeString(o.Value), template.HTMLEscapeString(o.Label))
		}
		v, _ = s.countryCache.LoadOrStore(lang, b.String())
	}
	list := v.(string)
	if selected != "" {
		at := `<option value="` + template.HTMLEscapeString(selected) + `">`
		list = strings.Replace(list, at, strings.TrimSuffix(at, ">")+" selected>", 1)
	}
	return template.HTML(list)
}

// edit shows the form again with what the writer sent, to change it.
func (s *Server) edit(w http.ResponseWriter, r *http.Request) {
	e := s.entry(w, r)
	if e == nil {
		return
	}
	f := readForm(r.PostForm)
	_, f.Remember = remembered(r)
	s.showForm(w, r, e, f, nil, http.StatusOK)
}

// valid reads and checks the posted form; when it is not valid it shows
// the form again with the messages and returns false.
func (s *Server) valid(w http.ResponseWriter, r *http.Request) (*entry, writerForm, checked, bool) {
	e := s.entry(w, r)
	if e == nil {
		return nil, writerForm{}, checked{}, false
	}
	f := readForm(r.PostForm)
	c, errs := s.check(e, f, uiOf(r))
	if len(errs) > 0 {
		s.showForm(w, r, e, f, errs, http.StatusUnprocessableEntity)
		return e, f, c, false
	}
	return e, f, c, true
}

// resultPage shows the letters and how to take them away.
type resultPage struct {
	page
	Case      caseInfo
	CaseID    string
	CSRF      string
	Hidden    []hiddenField
	Letters   []preview
	Skipped   []string
	Mail      []preview
	Post      []string // recipients without an e-mail address
	Collected string   // "added", "updated", "known" or ""
	Envelope  string
}

type preview struct {
	ID, To, Lang, Date, Subject, Text string
	Address                           []string
	Mailto                            string // empty: too long for a link
}

func (s *Server) letters(w http.ResponseWriter, r *http.Request) {
	e, f, c, ok := s.valid(w, r)
	if !ok {
		return
	}
	ui := uiOf(r)
	remember(w, f)
	p := resultPage{page: s.newPage(r, ui, ui.S("result_title")), Case: s.info(e, ui), CaseID: e.ID, CSRF: s.csrfToken(w, r),
		Hidden: f.hidden(), Envelope: strings.ToUpper(s.cfg.Envelope.String())}
	o := s.options()
	for _, l := range c.Plan {
		d, err := s.cfg.Renderer.Letter(batch.Input(e.Case, l, o))
		if err != nil {
			s.fail(w, r, ui, http.StatusInternalServerError, "err_internal")
			return
		}
		body := render.MailText(d)
		pv := preview{ID: l.Recipient.ID, To: s.recipientName(l.Recipient, ui.Lang), Lang: l.Lang, Date: d.Date, Subject: d.Subject, Text: body, Address: d.Recipient}
		p.Letters = append(p.Letters, pv)
		if l.Recipient.Email != "" {
			if link := email.Mailto(l.Recipient.Email, d.Subject, body); len(link) <= email.MailtoLimit {
				pv.Mailto = link
			}
			p.Mail = append(p.Mail, pv)
		} else {
			p.Post = append(p.Post, pv.To)
		}
	}
	for _, rc := range c.Skipped {
		p.Skipped = append(p.Skipped, ui.F("skipped_embassy", s.recipientName(rc, ui.Lang), country.Name(rc.Country, ui.Lang)))
	}
	if f.Consent && s.cfg.Collect != nil {
		st, err := s.cfg.Collect.Put(s.visit(r), collected(e.Case.Reference, c, f))
		if err != nil {
			s.fail(w, r, ui, http.StatusInternalServerError, "err_internal")
			return
		}
		p.Collected = map[writers.Status]string{writers.Added: "added", writers.Updated: "updated", writers.Unchanged: "known"}[st]
	}
	s.render(w, http.StatusOK, "result", p)
}

// options are how the server makes letters: today's date, the paper.
func (s *Server) options() batch.Options {
	return batch.Options{Date: s.cfg.Now(), Paper: s.cfg.Paper}
}

// acquire waits for a turn to make PDFs, so that many writers at once
// queue rather than use up the memory; false when the writer gave up.
func (s *Server) acquire(r *http.Request) bool {
	select {
	case s.work <- struct{}{}:
		return true
	case <-r.Context().Done():
		return false
	}
}

func (s *Server) release() { <-s.work }

func (s *Server) pdf(w http.ResponseWriter, r *http.Request) {
	s.printFile(w, r, batch.PrintSet{Combined: "letters.pdf"}, "letters")
}

func (s *Server) envelopes(w http.ResponseWriter, r *http.Request) {
	s.printFile(w, r, batch.PrintSet{Envelopes: "envelopes.pdf", Envelope: s.cfg.Envelope}, "envelopes-"+s.cfg.Envelope.String())
}

// printFile sends one file of the writer's print set: every letter in
// stuffing order, or their envelopes in the same order.
func (s *Server) printFile(w http.ResponseWriter, r *http.Request, ps batch.PrintSet, what string) {
	e, _, c, ok := s.valid(w, r)
	if !ok {
		return
	}
	if !s.acquire(r) {
		return
	}
	files, err := ps.Bytes(s.cfg.Renderer, e.Case, c.Plan, s.options())
	s.release()
	if err != nil || len(files) != 1 {
		s.fail(w, r, uiOf(r), http.StatusInternalServerError, "err_internal")
		return
	}
	download(w, "application/pdf", fmt.Sprintf("%s-%s.pdf", e.ID, what), files[0])
}

// eml sends the e-mail draft of the letter to one recipient.
func (s *Server) eml(w http.ResponseWriter, r *http.Request) {
	e, _, c, ok := s.valid(w, r)
	if !ok {
		return
	}
	for _, l := range c.Plan {
		if l.Recipient.ID != r.PathValue("rid") || l.Recipient.Email == "" {
			continue
		}
		o := s.options()
		o.Mail = true
		var buf bytes.Buffer
		if _, _, err := batch.Make(s.cfg.Renderer, e.Case, l, o, &buf); err != nil {
			s.fail(w, r, uiOf(r), http.StatusInternalServerError, "err_internal")
			return
		}
		download(w, "message/rfc822", path.Base(l.Path)+".eml", buf.Bytes())
		return
	}
	s.fail(w, r, uiOf(r), http.StatusNotFound, "err_norecipient")
}

func download(w http.ResponseWriter, typ, name string, data []byte) {
	w.Header().Set("Content-Type", typ)
	w.Header().Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q", name))
	w.Header().Set("Content-Length", fmt.Sprint(len(data)))
	w.Write(data)
}

// collected is the writer as the organiser's file keeps them: with the
// language of their letters and the recipients they were shown, so that
// the evening's batch writes the same letters, and the case (ref) they
// wrote for, so that one file serves an evening of several cases.
func collected(ref string, c checked, f writerForm) writers.Writer {
	w := writers.Writer{Sender: *c.Sender, Note: f.Note, Case: ref}
	for _, l := range c.Plan {
		w.To = append(w.To, l.Recipient.ID)
	}
	return w
}

// withCase is a case's deadline as the "deadline" template shows it.
type withCase struct {
	T *catalog
	caseInfo
}

func caseWith(t *catalog, ci caseInfo) withCase { return withCase{t, ci} }

// fieldArgs is one text field as the "field" template shows it.
type fieldArgs struct {
	T                                         *catalog
	Name, Type, Auto, Label, Hint, Err, Value string
	Described                                 string
	// Dir is the field's direction: "ltr" for what is Latin by nature
	// (e-mail, postcode), else "auto", as the writer types it.
	Dir      string
	Required bool
}

func field(p formPage, name, typ, auto string, required bool) fieldArgs {
	a := fieldArgs{T: p.T, Name: name, Type: typ, Auto: auto, Label: p.T.S(name), Err: p.Err[name], Required: required, Dir: "auto"}
	if name == "email" || name == "postcode" {
		a.Dir = "ltr"
	}
	if h := p.T.S(name + "_hint"); h != name+"_hint" {
		a.Hint = h
	}
	a.Value = map[string]string{"name": p.F.Name, "address1": p.F.Address1, "address2": p.F.Address2, "postcode": p.F.Postcode,
		"city": p.F.City, "region": p.F.Region, "email": p.F.Email}[name]
	var ids []string
	if a.Hint != "" {
		ids = append(ids, name+"-hint")
	}
	if a.Err != "" {
		ids = append(ids, name+"-error")
	}
	a.Described = strings.Join(ids, " ")
	return a
}
