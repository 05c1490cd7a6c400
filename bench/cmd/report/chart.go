package main

import (
	"fmt"
	"image/color"
	"os"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// clientColors keeps each client's colour the same in every panel.
var clientColors = map[string]color.Color{
	"purekafka": color.RGBA{R: 0xd6, G: 0x27, B: 0x28, A: 0xff},
	// The diagnostic variant without delivery reports: a lighter red.
	"purekafka-noreports": color.RGBA{R: 0xf0, G: 0x96, B: 0x96, A: 0xff},
	"confluent":           color.RGBA{R: 0x1f, G: 0x77, B: 0xb4, A: 0xff},
	"franz-go":            color.RGBA{R: 0x2c, G: 0xa0, B: 0x2c, A: 0xff},
	"sarama":              color.RGBA{R: 0xff, G: 0x7f, B: 0x0e, A: 0xff},
	"kafka-go":            color.RGBA{R: 0x94, G: 0x67, B: 0xbd, A: 0xff},
}

func colorOf(client string) color.Color {
	if c, ok := clientColors[client]; ok {
		return c
	}
	return color.Gray{Y: 0x80}
}

// shortName is a workload's x-axis label.
func shortName(workload string) string {
	r := strings.NewReplacer("ConsumeGroupCommit", "consume+group+commit", "Consume", "consume", "Produce", "produce",
		"/size=", " ", "/codec=", " ", "1024", "1KiB")
	s := r.Replace(workload)
	if strings.HasPrefix(s, "produce ") || strings.HasPrefix(s, "consume") {
		s = strings.Replace(s, " 100", " 100B", 1)
	}
	return s
}

// writeChart draws two panels into a PNG: throughput of every workload as a
// ratio to confluent-kafka-go's median, and produce latency p50/p99.
func writeChart(path string, r *results) error {
	var tput, lat []string
	for _, wl := range r.workloads {
		if isLatency(wl) {
			lat = append(lat, wl)
		} else {
			tput = append(tput, wl)
		}
	}
	top, err := throughputPlot(r, tput)
	if err != nil {
		return err
	}
	bottom, err := latencyPlot(r, lat)
	if err != nil {
		return err
	}

	img := vgimg.New(11*vg.Inch, 9*vg.Inch)
	dc := draw.New(img)
	dc.SetColor(color.White)
	dc.Fill(dc.Rectangle.Path())
	tiles := draw.Tiles{Rows: 2, Cols: 1, PadY: vg.Centimeter, PadTop: vg.Millimeter * 3, PadBottom: vg.Millimeter * 3,
		PadLeft: vg.Millimeter * 3, PadRight: vg.Millimeter * 3}
	plots := [][]*plot.Plot{{top}, {bottom}}
	canvases := plot.Align(plots, tiles, dc)
	top.Draw(canvases[0][0])
	bottom.Draw(canvases[1][0])

	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if _, err := (vgimg.PngCanvas{Canvas: img}).WriteTo(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func throughputPlot(r *results, workloads []string) (*plot.Plot, error) {
	p := plot.New()
	p.Title.Text = "Throughput relative to confluent-kafka-go (median msgs/s; 1.0 = confluent, higher is better)"
	p.Y.Label.Text = "x confluent-kafka-go"
	p.Legend.Top = true
	p.Add(plotter.NewGrid())
	w := vg.Points(11)
	n := len(r.clients)
	for i, c := range r.clients {
		vals := make(plotter.Values, len(workloads))
		for j, wl := range workloads {
			x, ok1 := r.medianOf(wl, c, "msgs/s")
			b, ok2 := r.medianOf(wl, baseline, "msgs/s")
			if ok1 && ok2 && b > 0 {
				vals[j] = x / b
			}
		}
		bars, err := plotter.NewBarChart(vals, w)
		if err != nil {
			return nil, err
		}
		bars.Color = colorOf(c)
		bars.LineStyle.Width = 0
		bars.Offset = w * vg.Length(float64(i)-float64(n-1)/2)
		p.Add(bars)
		p.Legend.Add(c, bars)
	}
	one := plotter.NewFunction(func(float64) float64 { return 1 })
	one.XMin, one.XMax = -0.5, float64(len(workloads))-0.5
	one.Color = color.Black
	one.Dashes = []vg.Length{vg.Points(3), vg.Points(3)}
	p.Add(one)
	names := make([]string, len(workloads))
	for i, wl := range workloads {
		names[i] = shortName(wl)
	}
	p.NominalX(names...)
	p.X.Min, p.X.Max = -0.5, float64(len(workloads))-0.5
	p.Y.Min = 0
	return p, nil
}

func latencyPlot(r *results, workloads []string) (*plot.Plot, error) {
	p := plot.New()
	p.Title.Text = "Produce latency at 500 msgs/s, linger 0 (median of runs; lower is better)"
	p.Y.Label.Text = "microseconds, Produce to delivery report"
	p.Legend.Top = true
	p.Legend.Left = true
	p.Add(plotter.NewGrid())
	if len(workloads) == 0 {
		return p, nil
	}
	wl := workloads[0]
	var clients []string // those that ran the latency workload
	for _, c := range r.clients {
		if r.get(wl, c) != nil || !diagnostic(c) {
			clients = append(clients, c)
		}
	}
	w := vg.Points(20)
	for i, metric := range []string{"p50-us", "p99-us"} {
		vals := make(plotter.Values, len(clients))
		for j, c := range clients {
			vals[j], _ = r.medianOf(wl, c, metric)
		}
		bars, err := plotter.NewBarChart(vals, w)
		if err != nil {
			return nil, err
		}
		bars.Color = color.Gray{Y: uint8(170 - 110*i)}
		bars.LineStyle.Width = 0
		bars.Offset = w * vg.Length(float64(i)-0.5)
		p.Add(bars)
		p.Legend.Add(strings.TrimSuffix(metric, "-us"), bars)
	}
	names := make([]string, len(clients))
	for i, c := range clients {
		p50, _ := r.medianOf(wl, c, "p50-us")
		p99, _ := r.medianOf(wl, c, "p99-us")
		names[i] = fmt.Sprintf("%s\n%.0f / %.0f us", c, p50, p99)
	}
	p.NominalX(names...)
	p.Y.Min = 0
	return p, nil
}
