# fig-ch11-cet-rnn-loss-seeds: training and validation MSE per epoch: the mean over 10 seeds, and the range from the lowest to the highest seed
# Data: fig-ch11-cet-rnn-loss-seeds.dat. Redraw: gnuplot fig-ch11-cet-rnn-loss-seeds.gp
load "style.gp"
if (!exists("outfile")) outfile = "fig-ch11-cet-rnn-loss-seeds.png"
set terminal pngcairo size 1200,600 enhanced font style_font linewidth 1.5
set output outfile
set title "Simple RNN on CET: loss per epoch over 10 seeds"
set xlabel "epoch"
set ylabel "MSE loss (log scale)"
set logscale y
set yrange [0.090337366:0.1627152]
set ytics (0.091, 0.1, 0.11, 0.12, 0.13, 0.14, 0.15)
set key top right
set xrange [1:*] noextend
set style fill transparent solid 0.25 noborder
plot "fig-ch11-cet-rnn-loss-seeds.dat" using 1:3:4 with filledcurves ls 3 notitle, \
     "" using 1:6:7 with filledcurves ls 4 notitle, \
     "" using 1:2 with lines ls 3 title "training (mean; band: lowest to highest seed)", \
     "" using 1:5 with lines ls 4 title "validation (mean; band: lowest to highest seed)"
unset output
