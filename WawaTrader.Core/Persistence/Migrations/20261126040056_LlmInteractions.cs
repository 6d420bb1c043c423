using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WawaTrader.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class LlmInteractions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "technical_action",
                table: "decisions",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "technical_confidence",
                table: "decisions",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "technical_reasoning",
                table: "decisions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "llm_interactions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    decision_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    time = table.Column<DateTime>(type: "TEXT", nullable: false),
                    symbol = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    bar_time = table.Column<DateTime>(type: "TEXT", nullable: false),
                    close = table.Column<double>(type: "REAL", nullable: false),
                    model = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    endpoint = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    prompt_version = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    prompt = table.Column<string>(type: "TEXT", nullable: false),
                    raw_response = table.Column<string>(type: "TEXT", nullable: true),
                    parsed_action = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    parsed_confidence = table.Column<double>(type: "REAL", nullable: true),
                    parsed_reasoning = table.Column<string>(type: "TEXT", nullable: true),
                    error = table.Column<string>(type: "TEXT", nullable: true),
                    latency_ms = table.Column<double>(type: "REAL", nullable: false),
                    prompt_tokens = table.Column<int>(type: "INTEGER", nullable: true),
                    completion_tokens = table.Column<int>(type: "INTEGER", nullable: true),
                    outcome = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_llm_interactions", x => x.id);
                    table.ForeignKey(
                        name: "FK_llm_interactions_decisions_decision_id",
                        column: x => x.decision_id,
                        principalTable: "decisions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_decisions_symbol_bar_time",
                table: "decisions",
                columns: new[] { "symbol", "bar_time" });

            migrationBuilder.CreateIndex(
                name: "IX_llm_interactions_decision_id",
                table: "llm_interactions",
                column: "decision_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_llm_interactions_model_prompt_version",
                table: "llm_interactions",
                columns: new[] { "model", "prompt_version" });

            migrationBuilder.CreateIndex(
                name: "IX_llm_interactions_time",
                table: "llm_interactions",
                column: "time");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "llm_interactions");

            migrationBuilder.DropIndex(
                name: "IX_decisions_symbol_bar_time",
                table: "decisions");

            migrationBuilder.DropColumn(
                name: "technical_action",
                table: "decisions");

            migrationBuilder.DropColumn(
                name: "technical_confidence",
                table: "decisions");

            migrationBuilder.DropColumn(
                name: "technical_reasoning",
                table: "decisions");
        }
    }
}
