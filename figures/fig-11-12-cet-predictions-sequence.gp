# fig-11-12-cet-predictions-sequence: validation year 2021 in full, actual and predicted, over every validation day
# Data: fig-11-12-cet-predictions-sequence.dat. Redraw: gnuplot fig-11-12-cet-predictions-sequence.gp
load "style.gp"
if (!exists("outfile")) outfile = "fig-11-12-cet-predictions-sequence.png"
set terminal pngcairo size 1200,760 enhanced font style_font linewidth 1.5
set output outfile
set multiplot
set title "Simple RNN on CET: the validation year 2021 (sequence layout)"
set origin 0, 0.26
set size 1, 0.74
set lmargin 12
set rmargin 12
set ylabel "temperature (z-score)"
set yrange [-2.3780813:4.304026]
set link y2 via y*5.3457685+9.397673 inverse (y-9.397673)/5.3457685
set y2tics 10 format "%g"
set y2label "temperature (°C)"
set xdata time
set timefmt "%s"
set format x "%b"
set xtics 1609459200, 2629800.0
unset mxtics
set xrange [1609459200:1640995200]
set xlabel "2021, 365 days"
set key top left title "MAE over the days shown"
plot "fig-11-12-cet-predictions-sequence.dat" using 1:4 with lines ls 6 lw 1.5 title "tomorrow as today: MAE 1.27 °C (0.238 z)", \
     "fig-11-12-cet-predictions-sequence.dat" using 1:2 with lines ls 1 title "actual", \
     "fig-11-12-cet-predictions-sequence.dat" using 1:3 with lines ls 2 title "predicted: MAE 1.22 °C (0.229 z)"
unset title
unset key
unset y2tics
unset y2label
unset ylabel
unset link y2
unset ytics
set yrange [*:*]
set origin 0, 0
set size 1, 0.26
set xtics ("1995" 788918400, "2000" 946684800, "2005" 1104537600, "2010" 1262304000, "2015" 1420070400, "2020" 1577836800)
unset mxtics
set xrange [*:*] noextend
set xlabel "every validation day, 1991 to 2022 (shaded: the year above)"
set object 1 rect from 1609459200, graph 0 to 1640995200, graph 1 fc rgb cell_highlight fs solid 1.0 noborder behind
plot "fig-11-12-cet-predictions-sequence.dat" using 1:2 with lines ls 1 lw 0.5 notitle
unset multiplot
unset output
