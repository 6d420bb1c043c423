using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WawaTrader.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class CompactDecisions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_llm_interactions_model_prompt_version",
                table: "llm_interactions");

            migrationBuilder.DropIndex(
                name: "IX_decisions_agent_bar_time",
                table: "decisions");

            migrationBuilder.DropIndex(
                name: "IX_decisions_agent_symbol_time",
                table: "decisions");

            migrationBuilder.AlterColumn<string>(
                name: "indicators_json",
                table: "decisions",
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "TEXT");

            migrationBuilder.AddColumn<byte[]>(
                name: "indicators",
                table: "decisions",
                type: "BLOB",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "indicators",
                table: "decisions");

            migrationBuilder.AlterColumn<string>(
                name: "indicators_json",
                table: "decisions",
                type: "TEXT",
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldNullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_llm_interactions_model_prompt_version",
                table: "llm_interactions",
                columns: new[] { "model", "prompt_version" });

            migrationBuilder.CreateIndex(
                name: "IX_decisions_agent_bar_time",
                table: "decisions",
                columns: new[] { "agent", "bar_time" });

            migrationBuilder.CreateIndex(
                name: "IX_decisions_agent_symbol_time",
                table: "decisions",
                columns: new[] { "agent", "symbol", "time" });
        }
    }
}
