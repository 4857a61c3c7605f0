package batch

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/mail"
	"path"
	"path/filepath"

	"appeal/internal/casefile"
	"appeal/internal/doc"
	"appeal/internal/email"
	"appeal/internal/input"
	"appeal/internal/letter"
	"appeal/internal/output"
	"appeal/internal/pdf"
	"appeal/internal/render"
)

// Encode writes d to buf in the format of o: a PDF for the paper, or plain
// text. It returns the letter's number of pages (0 for text).
func Encode(buf *bytes.Buffer, d doc.Letter, o Options) (pages int, err error) {
	if o.Text {
		return 0, render.Text(buf, d)
	}
	counts, err := pdf.Write(buf, pdf.Options{Paper: o.Paper, Created: o.Date}, d)
	if err != nil {
		return 0, err
	}
	return counts[0], nil
}

// Make renders the planned letter l and encodes it: the one way a letter
// becomes bytes, for single letters, batches and the web.
func Make(r *render.Renderer, c *casefile.Case, l letter.Letter, o Options, buf *bytes.Buffer) (doc.Letter, int, error) {
	d, err := r.Letter(Input(c, l, o))
	if err != nil {
		return doc.Letter{}, 0, err
	}
	buf.Reset()
	if o.Mail {
		return d, 0, encodeMail(buf, l, d, o)
	}
	pages, err := Encode(buf, d, o)
	if errors.Is(err, pdf.ErrAddressTooLong) {
		return d, 0, input.Problems{c.Problem(fmt.Sprintf("recipients[%d].address", recipientIndex(c, l.Recipient.ID)), "%v", err)}
	}
	return d, pages, err
}

// encodeMail writes the letter d as an e-mail draft to l's recipient, from
// the writer's address when known.
func encodeMail(buf *bytes.Buffer, l letter.Letter, d doc.Letter, o Options) error {
	rc := l.Recipient
	if rc.Email == "" {
		return fmt.Errorf("%s has no e-mail address", rc.ID)
	}
	name, _ := rc.Name.In(l.Lang)
	if name == "" {
		name, _ = rc.Organisation.In(l.Lang)
	}
	m := email.Message{
		To:      mail.Address{Name: render.OneLine(name), Address: rc.Email},
		Subject: d.Subject,
		Body:    render.MailText(d),
		Date:    o.Date,
	}
	if w := l.Writer; w != nil && w.Email != "" {
		m.From = &mail.Address{Name: render.OneLine(w.Name), Address: w.Email}
	}
	if o.AttachPDF {
		var pdfBuf bytes.Buffer
		if _, err := pdf.Write(&pdfBuf, pdf.Options{Paper: o.Paper, Created: o.Date}, d); err != nil {
			return err
		}
		m.Attach = &email.Attachment{Name: path.Base(l.Path) + ".pdf", Type: "application/pdf", Data: pdfBuf.Bytes()}
	}
	buf.Write(email.Draft(m))
	return nil
}

func recipientIndex(c *casefile.Case, id string) int {
	for i, r := range c.Recipients {
		if r.ID == id {
			return i
		}
	}
	return 0
}

// Written says what WriteAll wrote.
type Written struct {
	Files []string // paths under o.Dir, in plan order
	Long  []string // those of letters longer than one page
}

// WriteAll makes every letter of plan and writes each to its file under
// o.Dir, all or nothing: every letter is made, and every file checked
// (nothing is overwritten without o.Force), before the first is written.
func WriteAll(ctx context.Context, r *render.Renderer, c *casefile.Case, plan []letter.Letter, o Options) (Written, error) {
	var w Written
	files := make([]output.File, len(plan))
	var buf bytes.Buffer
	for i, l := range plan {
		if err := ctx.Err(); err != nil {
			return w, err
		}
		_, pages, err := Make(r, c, l, o, &buf)
		if err != nil {
			return w, fmt.Errorf("letter to %s: %w", l.Recipient.ID, err)
		}
		files[i] = output.File{Path: filepath.FromSlash(l.Path + o.Ext()), Data: bytes.Clone(buf.Bytes())}
		w.Files = append(w.Files, files[i].Path)
		if pages > 1 {
			w.Long = append(w.Long, files[i].Path)
		}
	}
	if err := output.Check(o.Dir, files, o.Force); err != nil {
		return w, err
	}
	return w, output.WriteAll(ctx, o.Dir, files)
}

// WriteText writes every letter of plan to w as plain text, each after a
// form feed but the first, so that a printer starts each on a new page.
// Nothing is written unless every letter was made.
func WriteText(ctx context.Context, w io.Writer, r *render.Renderer, c *casefile.Case, plan []letter.Letter, o Options) error {
	var b bytes.Buffer
	for i, l := range plan {
		if err := ctx.Err(); err != nil {
			return err
		}
		d, err := r.Letter(Input(c, l, o))
		if err != nil {
			return err
		}
		if i > 0 {
			b.WriteString("\f\n")
		}
		if err := render.Text(&b, d); err != nil {
			return err
		}
	}
	_, err := w.Write(b.Bytes())
	return err
}
